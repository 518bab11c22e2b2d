package infergen.processor.model;

/**
 * The range a numeric hyperparameter must lie in: one definition for the compile-time check of the spec's value and
 * the run-time check of the generated setter.
 */
public enum Bound {
    /** {@code x > 0} and finite. */
    POSITIVE_FINITE {
        @Override
        public boolean accepts(double x) {
            return x > 0 && Double.isFinite(x);
        }

        @Override
        public String violation(String x) {
            return "!(" + x + " > 0f) || !Float.isFinite(" + x + ")";
        }
    },
    /** {@code 0 < x < 1}. */
    OPEN_UNIT {
        @Override
        public boolean accepts(double x) {
            return x > 0 && x < 1;
        }

        @Override
        public String violation(String x) {
            return "!(" + x + " > 0f && " + x + " < 1f)";
        }
    },
    /** {@code 0 < x ≤ 1}. */
    UNIT_EXCLUDING_ZERO {
        @Override
        public boolean accepts(double x) {
            return x > 0 && x <= 1;
        }

        @Override
        public String violation(String x) {
            return "!(" + x + " > 0f && " + x + " <= 1f)";
        }
    },
    /** {@code 0 ≤ x < 1}. */
    UNIT_EXCLUDING_ONE {
        @Override
        public boolean accepts(double x) {
            return x >= 0 && x < 1;
        }

        @Override
        public String violation(String x) {
            return "!(" + x + " >= 0f && " + x + " < 1f)";
        }
    },
    /** {@code x > 0}, finite, and {@code 1/x} finite in float32 ({@code x} at least about 2.9e-39). */
    INVERTIBLE {
        @Override
        public boolean accepts(double x) {
            float f = (float) x;
            return f == x && f > 0f && Float.isFinite(f) && Float.isFinite(1f / f);
        }

        @Override
        public String violation(String x) {
            return "!(" + x + " > 0f && Float.isFinite(" + x + ") && Float.isFinite(1f / " + x + "))";
        }
    },
    /** {@code 0 < x ≤ 1} with {@code 1/x} finite in float32. */
    UNIT_INVERTIBLE {
        @Override
        public boolean accepts(double x) {
            float f = (float) x;
            return f == x && f > 0f && f <= 1f && Float.isFinite(1f / f);
        }

        @Override
        public String violation(String x) {
            return "!(" + x + " > 0f && " + x + " <= 1f && Float.isFinite(1f / " + x + "))";
        }
    },
    /** A count {@code ≥ 1}. */
    AT_LEAST_ONE {
        @Override
        public boolean accepts(double x) {
            return x >= 1;
        }

        @Override
        public String violation(String x) {
            return x + " < 1";
        }
    };

    /** Whether {@code x} is in range (NaN never is). */
    public abstract boolean accepts(double x);

    /** A Java expression that is true when the variable {@code x} is out of range. */
    public abstract String violation(String x);
}
