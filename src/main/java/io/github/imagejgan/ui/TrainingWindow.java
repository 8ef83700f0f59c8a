package io.github.imagejgan.ui;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.swing.BorderFactory;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import io.github.imagejgan.task.TaskMonitor;
import io.github.imagejgan.train.StepLosses;
import io.github.imagejgan.train.TrainingListener;
import io.github.imagejgan.train.TrainingLog;
import io.github.imagejgan.train.ValidationResult;

/**
 * The window a Train GAN run shows: generator and discriminator losses and validation PSNR against the step, a
 * preview of a validation patch (input | output | target), the time left, and a button that stops the training
 * after the current step and saves it. Training reports from its own thread; the window updates on the event
 * thread.
 */
public final class TrainingWindow implements TrainingListener, TaskMonitor {

    private static final int PREVIEW = 256;
    /** Chart points are added in bulk: redrawing per step would cost more than a small network's step. */
    private static final int REDRAW_EVERY = 10;

    private final JFrame frame;
    private final JLabel status = new JLabel("Preparing data...");
    private final JLabel preview = new JLabel();
    private final XYSeries adversarial = new XYSeries("G adversarial");
    private final XYSeries reconstruction = new XYSeries("G reconstruction (x10)");
    private final XYSeries discriminator = new XYSeries("D real + fake");
    private final XYSeries validation = new XYSeries("Validation PSNR (dB)");
    private final AtomicBoolean stop = new AtomicBoolean();
    private long first = 1;
    private double firstSeconds = -1;

    public TrainingWindow(String name) {
        frame = new JFrame("Train GAN: " + name);
        XYSeriesCollection losses = new XYSeriesCollection();
        losses.addSeries(adversarial);
        losses.addSeries(reconstruction);
        losses.addSeries(discriminator);
        JFreeChart chart = ChartFactory.createXYLineChart(null, "Step", "Loss", losses, PlotOrientation.VERTICAL,
                true, true, false);
        XYPlot plot = chart.getXYPlot();
        NumberAxis psnrAxis = new NumberAxis("PSNR (dB)");
        psnrAxis.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(1, psnrAxis);
        plot.setDataset(1, new XYSeriesCollection(validation));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer psnrRenderer = new XYLineAndShapeRenderer(true, true);
        // Black stands out against the loss colours and the grey plot background.
        psnrRenderer.setSeriesPaint(0, Color.BLACK);
        plot.setRenderer(1, psnrRenderer);
        ChartPanel chartPanel = new ChartPanel(chart);
        chartPanel.setPreferredSize(new Dimension(560, 360));

        JButton stopButton = new JButton("Stop and save");
        stopButton.addActionListener(e -> {
            stop.set(true);
            stopButton.setEnabled(false);
            status.setText("Stopping after this step and saving...");
        });
        preview.setBorder(BorderFactory.createTitledBorder("Validation patch: input | output | target"));
        preview.setPreferredSize(new Dimension(3 * PREVIEW + 20, PREVIEW + 30));
        JPanel south = new JPanel(new FlowLayout(FlowLayout.LEFT));
        south.add(stopButton);
        south.add(status);
        frame.getContentPane().add(chartPanel, BorderLayout.CENTER);
        frame.getContentPane().add(preview, BorderLayout.EAST);
        frame.getContentPane().add(south, BorderLayout.SOUTH);
        frame.setDefaultCloseOperation(JFrame.DO_NOTHING_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                // Closing is stopping: the run still ends with a saved checkpoint.
                stop.set(true);
                status.setText("Stopping after this step and saving...");
            }
        });
        frame.pack();
        frame.setLocationByPlatform(true);
        frame.setVisible(true);
    }

    @Override
    public void started(long firstStep, long totalSteps) {
        first = firstStep;
        SwingUtilities.invokeLater(() -> status.setText("Training steps " + firstStep + " to " + totalSteps));
    }

    @Override
    public void stepDone(long step, long total, StepLosses losses, double seconds) {
        if (firstSeconds < 0) {
            firstSeconds = seconds;
        }
        double perStep = step > first ? (seconds - firstSeconds) / (step - first) : 0;
        boolean redraw = step % REDRAW_EVERY == 0 || step == total;
        SwingUtilities.invokeLater(() -> {
            adversarial.add(step, losses.generatorAdversarial(), redraw);
            reconstruction.add(step, 10 * losses.reconstruction(), redraw);
            discriminator.add(step, losses.discriminatorReal() + losses.discriminatorFake(), redraw);
            if (!stop.get()) {
                status.setText(String.format(Locale.ROOT, "Step %d of %d, %.2f s per step, %s left", step, total,
                        perStep, TrainingLog.eta(perStep * (total - step))));
            }
        });
    }

    @Override
    public void validated(ValidationResult result) {
        BufferedImage image = render(result.preview());
        SwingUtilities.invokeLater(() -> {
            validation.add(result.step(), result.psnr());
            if (image != null) {
                preview.setIcon(new ImageIcon(image));
            }
        });
    }

    @Override
    public void progress(long done, long total, String message) {
    }

    @Override
    public boolean isCancelled() {
        return stop.get();
    }

    /** Closes the window once training is over. */
    public void finished(String message) {
        SwingUtilities.invokeLater(() -> {
            status.setText(message);
            frame.dispose();
        });
    }

    /** The three patches side by side, on one grey scale spanning the target's 1st to 99th percentile. */
    static BufferedImage render(ValidationResult.Preview p) {
        if (p == null) {
            return null;
        }
        float[] sorted = p.target().clone();
        Arrays.sort(sorted);
        float low = sorted[sorted.length / 100];
        float high = sorted[sorted.length - 1 - sorted.length / 100];
        float span = high > low ? high - low : 1;
        int w = p.width();
        int h = p.height();
        double zoom = PREVIEW / (double) Math.max(w, h);
        int tw = Math.max(1, (int) (w * zoom));
        int th = Math.max(1, (int) (h * zoom));
        BufferedImage image = new BufferedImage(3 * tw + 8, th, BufferedImage.TYPE_BYTE_GRAY);
        float[][] panels = { p.input(), p.output(), p.target() };
        for (int k = 0; k < 3; k++) {
            for (int y = 0; y < th; y++) {
                for (int x = 0; x < tw; x++) {
                    float v = panels[k][(int) (y / zoom) * w + (int) (x / zoom)];
                    int g = (int) Math.max(0, Math.min(255, 255 * (v - low) / span));
                    image.getRaster().setSample(k * (tw + 4) + x, y, 0, g);
                }
            }
        }
        return image;
    }
}
