package infergen.runtime;

import infergen.runtime.kernel.Vectors;

/**
 * Argument checks shared by the generated classes, so that every network words its errors the same way. Each
 * throws {@link IllegalArgumentException} naming the argument, the value found and what was expected.
 */
public final class Checks {

    private Checks() {
    }

    /** The batch size must be in {@code 1..maxBatch}. */
    public static void batch(int n, int maxBatch) {
        if (n < 1 || n > maxBatch) {
            throw new IllegalArgumentException(
                    "batch size n = " + n + " is outside 1.." + maxBatch + " (the spec's maxBatch)");
        }
    }

    /** An array must hold exactly {@code rows × cols} values. */
    public static void length(String name, float[] a, int rows, int cols) {
        if (a == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (a.length != rows * cols) {
            throw new IllegalArgumentException(name + " has length " + a.length + ", expected " + rows + " × " + cols
                    + " = " + rows * cols);
        }
    }

    /** Labels: exactly {@code n} of them, each in {@code 0..classes-1}. */
    public static void labels(int[] labels, int n, int classes) {
        if (labels == null) {
            throw new IllegalArgumentException("labels is null");
        }
        if (labels.length != n) {
            throw new IllegalArgumentException("labels has length " + labels.length + ", expected n = " + n);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(
                        "labels[" + i + "] = " + labels[i] + " is outside 0.." + (classes - 1));
            }
        }
    }

    /** Every value must be finite. */
    public static void finite(String name, float[] a, int len) {
        if (Vectors.allFinite(a, len)) {
            return;
        }
        for (int i = 0; i < len; i++) {
            if (!Float.isFinite(a[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + a[i] + " is not finite");
            }
        }
    }

    /** The loss of a batch must be finite before anything is updated. */
    public static void finiteLoss(double loss) {
        if (!Double.isFinite(loss)) {
            throw new IllegalArgumentException("the batch loss is " + loss
                    + "; the parameters were left unchanged (lower the learning rate or check the inputs)");
        }
    }

    /**
     * The gradients of a layer must be finite before they are applied (the check {@code setGradientChecks(true)}
     * turns on): a finite batch can still drive a product out of float's range.
     */
    public static void finiteGradient(int layer, float[] weightGradient, float[] biasGradient) {
        if (Vectors.allFinite(weightGradient, weightGradient.length)
                && Vectors.allFinite(biasGradient, biasGradient.length)) {
            return;
        }
        String where = firstNonFinite("weightGradient(" + layer + ")", weightGradient);
        if (where == null) {
            where = firstNonFinite("biasGradient(" + layer + ")", biasGradient);
        }
        throw new IllegalArgumentException("the gradient of layer " + layer + " is not finite (" + where
                + "); the parameters were left unchanged (the batch drove a product out of float's range: scale the "
                + "inputs or lower the learning rate)");
    }

    private static String firstNonFinite(String name, float[] a) {
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) {
                return name + "[" + i + "] = " + a[i];
            }
        }
        return null;
    }

    /** A layer index must be in {@code 0..layers-1}. */
    public static void layer(int layer, int layers) {
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("layer " + layer + " is outside 0.." + (layers - 1));
        }
    }
}
