package com.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.TrainableNet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The public contract of a generated class, used from a separate project as the README shows. */
class FashionMlpNetTest {

    @Test
    void generatedClassHonoursTheContract() throws Exception {
        TrainableNet net = new FashionMlpNet(42);
        assertEquals(784, net.inputSize());
        assertEquals(10, net.outputSize());
        assertEquals(50, net.maxBatch());
        assertEquals(2, net.layerCount());
        assertEquals(256 * 784, net.weights(0).length);

        Random rnd = new Random(1);
        float[] x = new float[8 * 784];
        int[] labels = new int[8];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextFloat();
        }
        for (int i = 0; i < 8; i++) {
            labels[i] = i % 10;
        }
        float first = net.trainStep(x, labels, 8);
        float loss = first;
        for (int s = 0; s < 30; s++) {
            loss = net.trainStep(x, labels, 8);
        }
        assertTrue(loss < first, "the loss falls on a repeated batch: " + first + " → " + loss);

        float[] out = new float[8 * 10];
        net.predict(x, 8, out);
        float sum = 0;
        for (int j = 0; j < 10; j++) {
            sum += out[j];
        }
        assertEquals(1f, sum, 1e-5f);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.trainStep(x, labels, 51));
        assertEquals("batch size n = 51 is outside 1..50 (the spec's maxBatch)", e.getMessage());

        Path file = Files.createTempFile("fashion", ".safetensors");
        net.save(file);
        FashionMlpNet copy = new FashionMlpNet(7);
        copy.load(file);
        assertArrayEquals(net.weights(0), copy.weights(0));
        Files.delete(file);
    }
}
