package infergen.processor.model;

import infergen.annotations.Pool;
import java.util.ArrayList;
import java.util.List;

/**
 * The sizes of every layer of a spec: what flows in and out of each, with the spatial shape of the conv layers.
 * Sizes that do not exist (a conv layer without an input shape, a kernel larger than its padded input) come out
 * as 0; the validator reports why.
 */
public final class Shapes {

    private Shapes() {
    }

    /**
     * One layer's sizes.
     *
     * @param fanIn the width of its input per sample
     * @param units the width of its output per sample
     * @param in {@code {channels, height, width}} of a conv layer's input, null for a dense layer
     * @param conv {@code {height, width}} of a conv layer's convolution output before pooling, null for dense
     * @param out {@code {filters, height, width}} of a conv layer's output after pooling, null for dense
     */
    public record LayerShape(long fanIn, long units, int[] in, int[] conv, int[] out) {
    }

    /** The sizes of every layer, in order. */
    public static List<LayerShape> of(NetworkSpec spec) {
        List<LayerShape> shapes = new ArrayList<>();
        long fanIn = spec.features();
        int[] volume = spec.inputShape().size() == 3
                ? new int[] {spec.inputShape().get(0), spec.inputShape().get(1), spec.inputShape().get(2)} : null;
        for (LayerSpec layer : spec.layers()) {
            if (layer.isConv()) {
                ConvSpec c = layer.conv();
                int[] in = volume == null ? new int[] {0, 0, 0} : volume;
                int convH = outputSize(in[1], c.kernel(), c.stride(), c.padding());
                int convW = outputSize(in[2], c.kernel(), c.stride(), c.padding());
                int pool = c.pool() == Pool.NONE ? 1 : Math.max(c.poolSize(), 1);
                int[] out = {Math.max(c.filters(), 0), convH / pool, convW / pool};
                long units = (long) out[0] * out[1] * out[2];
                shapes.add(new LayerShape(fanIn, units, in, new int[] {convH, convW}, out));
                fanIn = units;
                volume = out;
            } else {
                shapes.add(new LayerShape(fanIn, layer.units(), null, null, null));
                fanIn = layer.units();
                volume = null;
            }
        }
        return shapes;
    }

    /** {@code floor((size + 2·padding − kernel) / stride) + 1}, or 0 when the kernel does not fit. */
    public static int outputSize(int size, int kernel, int stride, int padding) {
        long padded = (long) size + 2L * padding;
        if (size <= 0 || kernel <= 0 || stride <= 0 || padding < 0 || kernel > padded) {
            return 0;
        }
        return (int) ((padded - kernel) / stride + 1);
    }
}
