package infergen.runtime;

import infergen.runtime.kernel.ConvShape;

/** Weight initializations; the generated constructor calls one per layer, in layer order, on one {@link Rng}. */
public final class Initializers {

    private Initializers() {
    }

    /** {@code w ~ U(−r, r)}, {@code r = √(6 / (fanIn + fanOut))}, for a row-major {@code fanOut × fanIn} matrix. */
    public static void glorotUniform(float[] w, int fanOut, int fanIn, Rng rng) {
        uniform(w, fanOut * fanIn, (float) Math.sqrt(6.0 / (fanIn + fanOut)), rng);
    }

    /** The paper's negative init: {@code w = −|u|} with {@code u} Glorot-uniform. */
    public static void negativeGlorotUniform(float[] w, int fanOut, int fanIn, Rng rng) {
        glorotUniform(w, fanOut, fanIn, rng);
        for (int i = 0; i < fanOut * fanIn; i++) {
            w[i] = -Math.abs(w[i]);
        }
    }

    /** {@code w ~ U(−r, r)}, {@code r = √(6 / fanIn)}. */
    public static void heUniform(float[] w, int fanOut, int fanIn, Rng rng) {
        uniform(w, fanOut * fanIn, (float) Math.sqrt(6.0 / fanIn), rng);
    }

    /**
     * A conv layer's weights, {@code filters × inChannels × kernel × kernel}: Glorot-uniform with fan-in
     * {@code inChannels·kernel²} and fan-out {@code filters·kernel²}, as PyTorch counts them.
     */
    public static void glorotUniform(float[] w, ConvShape conv, Rng rng) {
        uniform(w, conv.weightSize(), (float) Math.sqrt(6.0 / (conv.fanIn() + conv.fanOut())), rng);
    }

    /** The paper's negative init of a conv layer: {@code w = −|u|} with {@code u} Glorot-uniform. */
    public static void negativeGlorotUniform(float[] w, ConvShape conv, Rng rng) {
        glorotUniform(w, conv, rng);
        for (int i = 0; i < conv.weightSize(); i++) {
            w[i] = -Math.abs(w[i]);
        }
    }

    /** He-uniform for a conv layer, {@code r = √(6 / (inChannels·kernel²))}. */
    public static void heUniform(float[] w, ConvShape conv, Rng rng) {
        uniform(w, conv.weightSize(), (float) Math.sqrt(6.0 / conv.fanIn()), rng);
    }

    /** {@code w *= gain}: a layer's {@code initGain}, applied after its init's draw. */
    public static void scale(float[] w, float gain) {
        for (int i = 0; i < w.length; i++) {
            w[i] *= gain;
        }
    }

    private static void uniform(float[] w, int len, float r, Rng rng) {
        for (int i = 0; i < len; i++) {
            w[i] = (2f * rng.nextFloat() - 1f) * r;
        }
    }
}
