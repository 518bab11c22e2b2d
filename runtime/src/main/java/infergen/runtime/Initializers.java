package infergen.runtime;

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

    private static void uniform(float[] w, int len, float r, Rng rng) {
        for (int i = 0; i < len; i++) {
            w[i] = (2f * rng.nextFloat() - 1f) * r;
        }
    }
}
