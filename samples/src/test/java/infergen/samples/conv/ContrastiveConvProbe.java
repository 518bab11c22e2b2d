package infergen.samples.conv;

import infergen.runtime.TrainableNet;
import infergen.samples.GradientComparison;
import infergen.runtime.data.Dataset;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How close CHL's and convex CHL's updates on the CNN are to BP's gradient, at trained weights (docs/rules.md, "The
 * full protocol on the CNN"): loads a {@code conv-bp-avg} checkpoint (for example the final one of its sweep), copies
 * its parameters into {@code ConvChlNet} and {@code ConvConvexChlNet} (the same network), and prints per layer the
 * cosine and the relative error ‖u − g‖/‖g‖ of each rule's {@code computeGradients} against BP's on the first
 * batches of the training set, for the γ = β values given (the specs' 1e-2 first). A probe, not a test.
 *
 * <pre>
 * bin/dev mvn -q -o -pl samples -am test-compile
 * java --add-modules jdk.incubator.vector \
 *   -cp samples/target/test-classes:samples/target/classes:$(cat samples/target/infergen.classpath) \
 *   infergen.samples.conv.ContrastiveConvProbe DIR/default_seed=42/model.safetensors 1e-2,1e-3
 * </pre>
 */
public final class ContrastiveConvProbe {

    private ContrastiveConvProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path checkpoint = Path.of(args[0]);
        String[] settings = (args.length > 1 ? args[1] : "1e-2,1e-3").split(",");
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path dir = Path.of("/usr/share/datasets/fashion-mnist");
        Dataset data = Dataset.loadIdx(dir.resolve("train-images-idx3-ubyte.gz"), dir.resolve("train-labels-idx1-ubyte.gz"));
        ConvBpAvgNet bp = new ConvBpAvgNet(1);
        bp.load(checkpoint);
        int n = bp.maxBatch(), in = bp.inputSize();
        float[] x = new float[n * in];
        int[] y = new int[n];
        for (String setting : settings) {
            for (TrainableNet rule : new TrainableNet[] {new ConvChlNet(1), new ConvConvexChlNet(1)}) {
                for (int l = 0; l < bp.layerCount(); l++) {
                    System.arraycopy(bp.weights(l), 0, rule.weights(l), 0, bp.weights(l).length);
                    System.arraycopy(bp.bias(l), 0, rule.bias(l), 0, bp.bias(l).length);
                }
                rule.setHyperparameter("gamma", Double.parseDouble(setting));
                rule.setHyperparameter("beta", Double.parseDouble(setting));
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s, gamma = beta = %s:",
                        rule.getClass().getSimpleName(), setting));
                for (int b = 0; b < batches; b++) {
                    System.arraycopy(data.images(), b * n * in, x, 0, n * in);
                    System.arraycopy(data.labels(), b * n, y, 0, n);
                    bp.computeGradients(x, y, n);
                    rule.computeGradients(x, y, n);
                    sb.append(String.format(Locale.ROOT, "%n  batch %d:", b));
                    GradientComparison c = GradientComparison.of(rule, bp);
                    for (int l = 0; l < bp.layerCount(); l++) {
                        sb.append(String.format(Locale.ROOT, "  layer %d cos %.4f relerr %.3f", l, c.cos()[l],
                                c.relErr()[l]));
                    }
                }
                System.out.println(sb);
            }
        }
    }
}
