package infergen.samples.conv;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Dataset;
import java.lang.reflect.Field;
import java.nio.file.Path;

/**
 * Why {@code conv-eqprop} stays at chance (docs/rules.md, "On convolutional layers"): trains a generated EqProp CNN on
 * the first Fashion-MNIST images in file order and prints, every 10 steps, the accuracy of the free fixed point and of
 * the forward pass on the batches just trained on, how far the free phase moved layers 0 and 2 from the forward pass,
 * the cosine of the last layer's update with the exact gradient {@code (softmax(a) − y)·s₂ᵀ / n} at the forward
 * pass, and the mean over layer 2's units of their standard deviation over the batch. It reads the generated class's
 * private state buffers ({@code s0, s2, sf0, sf2, sf3, a3}) by reflection, so it is a probe, not a test. The figures
 * in docs/rules.md are of the spec as it was then (sigmoid units, plain Glorot init, Adam 1e-3); the spec has tanh
 * units and init gains since, and the probe runs on either.
 *
 * <pre>
 * bin/dev mvn -q -o -pl samples -am test-compile
 * java --add-modules jdk.incubator.vector -Dinfergen.threads=2 \
 *   -cp samples/target/test-classes:samples/target/classes:$(cat samples/target/infergen.classpath) \
 *   infergen.samples.conv.EqPropConvProbe ConvEqPropNet 3200 1e-3
 * </pre>
 */
public final class EqPropConvProbe {

    private EqPropConvProbe() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "ConvEqPropNet";
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 3200;
        double lr = args.length > 2 ? Double.parseDouble(args[2]) : 1e-3;
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        Dataset data = Dataset.loadIdx(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"))
                .slice(0, images);
        Class<?> type = Class.forName("infergen.samples.conv." + name);
        TrainableNet net = (TrainableNet) type.getConstructor(long.class).newInstance(42L);
        net.setHyperparameter("learningRate", lr);
        int batch = net.maxBatch(), in = net.inputSize(), out = net.outputSize();
        float[] x = new float[batch * in];
        int[] y = new int[batch];
        int fixedRight = 0, forwardRight = 0, seen = 0;
        double moved0 = 0, moved2 = 0;
        for (int step = 0; (step + 1) * batch <= images; step++) {
            System.arraycopy(data.images(), step * batch * in, x, 0, batch * in);
            System.arraycopy(data.labels(), step * batch, y, 0, batch);
            net.trainStep(x, y, batch);
            float[] sf3 = buffer(net, "sf3"), a3 = buffer(net, "a3"), s2 = buffer(net, "s2");
            float[] sf2 = buffer(net, "sf2"), s0 = buffer(net, "s0"), sf0 = buffer(net, "sf0");
            int units2 = s2.length / batch, units0 = s0.length / batch;
            for (int i = 0; i < batch; i++) {
                fixedRight += argmax(sf3, i * out, out) == y[i] ? 1 : 0;
                forwardRight += argmax(a3, i * out, out) == y[i] ? 1 : 0;
            }
            moved0 += meanAbsDifference(sf0, s0, batch * units0);
            moved2 += meanAbsDifference(sf2, s2, batch * units2);
            seen++;
            if (step % 10 == 0) {
                System.out.printf("step %d: cos(last layer's update, exact gradient) %.4f, mean std over the batch of"
                        + " layer 2's units %.5f%n", step, lastLayerCosine(net.weightGradient(net.layerCount() - 1),
                                a3, s2, y, batch, out, units2), meanStd(s2, batch, units2));
            }
            if ((step + 1) % 10 == 0) {
                System.out.printf("steps %d-%d: accuracy of the free fixed point %.3f, of the forward pass %.3f;"
                        + " mean |free − forward|: layer 0 %.4f, layer 2 %.4f%n", step - 9, step,
                        fixedRight / (double) (seen * batch), forwardRight / (double) (seen * batch), moved0 / seen,
                        moved2 / seen);
                fixedRight = forwardRight = seen = 0;
                moved0 = moved2 = 0;
            }
        }
    }

    private static float[] buffer(Object net, String field) throws ReflectiveOperationException {
        Field f = net.getClass().getDeclaredField(field);
        f.setAccessible(true);
        return (float[]) f.get(net);
    }

    private static int argmax(float[] a, int from, int length) {
        int best = 0;
        for (int j = 1; j < length; j++) {
            if (a[from + j] > a[from + best]) {
                best = j;
            }
        }
        return best;
    }

    private static double meanAbsDifference(float[] a, float[] b, int length) {
        double sum = 0;
        for (int i = 0; i < length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / length;
    }

    /** Cosine of {@code g} with {@code (softmax(a) − onehot(y))·sᵀ / n}, in double. */
    private static double lastLayerCosine(float[] g, float[] a, float[] s, int[] y, int n, int out, int in) {
        double[] exact = new double[out * in];
        double[] p = new double[out];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY, z = 0;
            for (int j = 0; j < out; j++) {
                max = Math.max(max, a[i * out + j]);
            }
            for (int j = 0; j < out; j++) {
                p[j] = Math.exp(a[i * out + j] - max);
                z += p[j];
            }
            for (int j = 0; j < out; j++) {
                double e = p[j] / z - (y[i] == j ? 1 : 0);
                for (int k = 0; k < in; k++) {
                    exact[j * in + k] += e * s[i * in + k] / n;
                }
            }
        }
        double dot = 0, ng = 0, ne = 0;
        for (int q = 0; q < exact.length; q++) {
            dot += exact[q] * g[q];
            ng += (double) g[q] * g[q];
            ne += exact[q] * exact[q];
        }
        return dot / Math.sqrt(ng * ne);
    }

    private static double meanStd(float[] s, int n, int units) {
        double total = 0;
        for (int k = 0; k < units; k++) {
            double m = 0, m2 = 0;
            for (int i = 0; i < n; i++) {
                double v = s[i * units + k];
                m += v;
                m2 += v * v;
            }
            m /= n;
            total += Math.sqrt(Math.max(0, m2 / n - m * m));
        }
        return total / units;
    }
}
