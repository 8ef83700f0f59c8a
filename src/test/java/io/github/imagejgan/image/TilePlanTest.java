package io.github.imagejgan.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TilePlanTest {

    @ParameterizedTest(name = "length {0}, tile {1}, halo {2}, overlap {3}, divisor {4}, scale {5}")
    @CsvSource({ "1,64,4,0,16,1", "100,32,4,8,1,1", "257,64,7,16,16,1", "1000,128,10,30,8,2", "97,13,3,5,4,4",
            "16,16,0,0,16,1", "5000,512,20,64,16,2", "1024,1024,62,0,8,1", "300,256,64,0,16,1",
            "1100,512,64,16,8,1", "200,128,64,0,16,1" })
    void tilesCoverTheAxisWithWeightsSummingToOne(int length, int tile, int halo, int overlap, int divisor,
            int scale) {
        AxisTiling axis = AxisTiling.of(length, new TileSpec(tile, halo, overlap, divisor));
        assertEquals(0, axis.step() % divisor, "tile offsets must stay on the network's grid");
        assertEquals(0, axis.inputSize() % divisor, "tile input sizes must be multiples of the divisor");
        assertTrue(axis.step() <= Math.max(tile, divisor) || axis.count() == 1);
        double[] sum = new double[length * scale];
        // The little mirrored context every tile at an edge includes, and the span from its start to the far end.
        int edge = roundUp(Math.min(AxisTiling.EDGE_CONTEXT, halo), divisor);
        assertEquals(edge, axis.edge());
        int from = -edge;
        int to = from + roundUp(length + 2 * edge, divisor);
        for (int i = 0; i < axis.count(); i++) {
            int start = axis.inputStart(i);
            int end = start + axis.inputSize();
            assertTrue(start >= from && end <= to, "tiles stay within the edge context, padded to the divisor");
            assertEquals(0, start % divisor, "tile offsets stay on the network's grid");
            assertTrue(axis.keptStart(i) - start >= halo || start == from, "halo before the kept part, but at the edge");
            assertTrue(end - axis.keptEnd(i) >= halo || end == to, "halo after the kept part, but at the edge");
            for (int x = axis.keptStart(i) * scale; x < axis.keptEnd(i) * scale; x++) {
                float w = axis.weight(i, x, scale);
                assertTrue(w > 0 && w <= 1, "weight " + w + " at " + x);
                sum[x] += w;
            }
        }
        for (int x = 0; x < sum.length; x++) {
            assertEquals(1.0, sum[x], 1e-6, "weights at output pixel " + x);
        }
        if (axis.count() > 1) {
            assertTrue(axis.inputSize() < to - from, "a tile is smaller than the whole axis, else it runs in one piece");
        } else {
            assertEquals(to - from, axis.inputSize(), "one piece costs the axis and its edge context, no more");
        }
    }

    @org.junit.jupiter.api.Test
    void withoutEdgeContextTheNetworkMeetsTheImageEdgeItself() {
        AxisTiling with = AxisTiling.of(100, new TileSpec(512, 40, 0, 16));
        AxisTiling without = AxisTiling.of(100, new TileSpec(512, 40, 0, 16).withoutEdgeContext());
        assertEquals(16, with.edge(), "8 mirrored pixels, rounded up to the divisor");
        assertEquals(-16, with.inputStart(0));
        assertEquals(0, without.edge());
        assertEquals(0, without.inputStart(0));
        assertEquals(112, without.inputSize(), "the image rounded up to the divisor, no more");
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    @ParameterizedTest(name = "length {0}, input {1}, halo {2}, overlap {3}, divisor {4}")
    @CsvSource({ "1,512,32,0,16", "100,512,32,0,16", "512,512,43,0,16", "1000,512,32,0,1", "1000,512,40,16,8",
            "77,16,2,0,2" })
    void tilesOfTheOneSizeANetworkTakesKeepTheirHaloAndCoverTheAxis(int length, int input, int halo, int overlap,
            int divisor) {
        AxisTiling axis = AxisTiling.of(length, TileSpec.fixedInput(input, halo, overlap, divisor));
        assertEquals(input, axis.inputSize(), "every tile has the network's one input size");
        assertEquals(0, axis.step() % divisor, "tile offsets stay on the network's grid");
        assertEquals(0, axis.margin() % divisor, "so do the first tile's, which starts a margin before the image");
        double[] sum = new double[length];
        for (int i = 0; i < axis.count(); i++) {
            assertTrue(axis.keptStart(i) - axis.inputStart(i) >= halo, "halo before the kept part of tile " + i);
            assertTrue(axis.inputStart(i) + axis.inputSize() - axis.keptEnd(i) >= halo, "halo after the kept part");
            for (int x = axis.keptStart(i); x < axis.keptEnd(i); x++) {
                sum[x] += axis.weight(i, x, 1);
            }
        }
        for (int x = 0; x < length; x++) {
            assertEquals(1.0, sum[x], 1e-6, "weights at pixel " + x);
        }
    }
}
