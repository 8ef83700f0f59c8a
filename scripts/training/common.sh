# Sourced by the training scripts (run from the repository root).
#
# prepare_training_content DIR [DEAD_LEAVES] [SILHOUETTES] [OVERSAMPLED]: clean training content at one common grey-value scale (1st percentile 0,
# 99.8th percentile 1000), written once into DIR/clean. What it holds:
#   - real photographs: crops of the pictures in Debian's wallpaper packages (installed here when missing, as root;
#     used as training content only, never committed);
#   - the project's phantoms (nuclei, filaments, membranes, puncta, CT, MR T1/T2; 16 each) and dead-leaves scenes
#     (DEAD_LEAVES of them, 48 by default);
#   - SILHOUETTES two-level images cut from those scenes (0 by default): flat areas and hard edges, as masks,
#     drawings and documents have;
#   - OVERSAMPLED blurred copies of randomly chosen images above (0 by default): images sampled finer than their
#     optics resolve, as microscopy at Nyquist and interpolated MR/CT are.
# PHOTO_CROPS=N (1 by default) takes N crops from each plane of every wallpaper picture instead of one from the first
# 240 planes, and N times as many phantoms and dead-leaves scenes, so that photographs and phantoms keep their shares.
# Never scikit-image's, SciPy's or pydicom's images: those are the test images of scripts/eval/.
# Builds the classes and class path first (`scripts/imagej-gan --help`), which the phantoms and the training need.
#
# external_weights export|import|blend ARGS...: weights moved between a model package and the GPU trainers' archives
# (scripts/training/gpu_*.py), or two packages of one line blended (ExternalWeights, in the test sources).
#
# run_training WORK MODEL OPTIONS...: `imagej-gan train` into WORK/MODEL.zip (checkpoints in WORK/MODEL, log in
# WORK/MODEL.log), resuming the last checkpoint when there is one (a --start among the options then only began the
# run); copies the model into models/ (unless SHIP=0, for
# models trained only to compare against) and notes the time.

install_training_packages() {
  local packages="gnome-backgrounds plasma-workspace-wallpapers mate-backgrounds ukui-wallpapers
    lomiri-wallpapers-16.04 lomiri-wallpapers-20.04 python3-pil python3-numpy python3-scipy"
  local missing
  missing=$(for p in $packages; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done)
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -q && apt-get install -y -q --no-install-recommends $missing
    else
      echo "Install first: sudo apt-get install $missing" >&2; return 1
    fi
  fi
}

prepare_training_content() { # data-folder [dead-leaves-count] [silhouette-count]
  local data=$1 leaves=${2:-48} shapes=${3:-0} soft=${4:-0}
  scripts/imagej-gan --help > /dev/null || true
  [ -d "$data/clean" ] && return 0
  install_training_packages
  rm -rf "$data/tmp" && mkdir -p "$data/tmp"
  local crops=${PHOTO_CROPS:-1} photo_count=240
  [ "$crops" = 1 ] || photo_count=100000
  /usr/bin/python3 scripts/training/prepare_content.py photos "$data/tmp/clean" --count $photo_count --crops "$crops" \
    --size 384 --seed 7
  local p count f
  for p in nuclei filaments membranes puncta ct mr-t1 mr-t2 dead-leaves; do
    # More dead-leaves scenes than other phantoms: their flat, sharply bounded regions stand for masks, drawings
    # and segmentation-like images, which photographs rarely show.
    count=16; [ "$p" = dead-leaves ] && count=$leaves
    count=$((count * crops))
    java -Djava.awt.headless=true -cp "target/classes:$(cat target/cli-classpath.txt)" \
      io.github.imagejgan.synth.SyntheticDataset "$data/tmp/$p" "$p" "gaussian:sigma=0" $count 61 256 > /dev/null
    /usr/bin/python3 scripts/training/prepare_content.py rescale "$data/tmp/$p/clean" "$data/tmp/$p-scaled"
    if [ "$p" = dead-leaves ] && [ "$shapes" -gt 0 ]; then
      /usr/bin/python3 scripts/training/prepare_content.py silhouettes "$data/tmp/$p-scaled" "$data/tmp/shapes" \
        --count "$shapes" --seed 5
      for f in "$data/tmp/shapes"/*.tif; do mv "$f" "$data/tmp/clean/silhouette-$(basename "$f")"; done
    fi
    for f in "$data/tmp/$p-scaled"/*.tif; do mv "$f" "$data/tmp/clean/$p-$(basename "$f")"; done
  done
  if [ "$soft" -gt 0 ]; then
    /usr/bin/python3 scripts/training/prepare_content.py oversampled "$data/tmp/clean" "$data/tmp/soft" \
      --count "$soft" --seed 9
    mv "$data/tmp/soft"/*.tif "$data/tmp/clean/"
  fi
  mv "$data/tmp/clean" "$data/clean" && rm -rf "$data/tmp"
}

# The clean content with N blurred copies (prepare_training_content's OVERSAMPLED, 48 dead-leaves scenes), each N in
# a folder of its own (target/training-content-sr for 100, else target/training-content-sr-N); prints its clean
# folder.
oversampled_content() { # N
  local folder=target/training-content-sr
  [ "$1" = 100 ] || folder=$folder-$1
  mkdir -p "$folder"
  prepare_training_content "$folder" 48 0 "$1" >&2
  echo "$folder/clean"
}

external_weights() { # export|import|blend arguments...
  mvn -B -o -q test-compile exec:exec@bench -Dbench.main=io.github.imagejgan.models.ExternalWeights -Dbench.args="$*"
}

run_training() { # work-folder model train-options...
  local work=$1 model=$2
  shift 2
  local resume=()
  if [ -f "$work/$model/$model-last.zip" ]; then
    resume=(--resume "$work/$model/$model-last.zip")
    # A resumed run continues its checkpoint's weights: drop the --start that began it.
    local kept=() skip=0 a
    for a in "$@"; do
      if [ $skip = 1 ]; then skip=0; elif [ "$a" = --start ]; then skip=1; else kept+=("$a"); fi
    done
    set -- "${kept[@]}"
  fi
  local start
  start=$(date +%s)
  mkdir -p "$work"
  scripts/imagej-gan train --out "$work/$model.zip" --work "$work/$model" --name "$model" "$@" "${resume[@]}" 2>&1 \
    | tee -a "$work/$model.log" | grep -E "validation|Finished|Stopped|Device|Warning|Error|step [0-9]+00/"
  [ "${SHIP:-1}" = 0 ] || cp "$work/$model.zip" "models/$model.zip"
  echo "$model: $(( $(date +%s) - start )) s wall clock this run" | tee -a "$work/times.txt"
}
