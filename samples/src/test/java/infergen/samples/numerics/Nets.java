package infergen.samples.numerics;

import infergen.annotations.Activation;
import infergen.runtime.TrainableNet;
import infergen.samples.specs.*;

/** The generated 12-10-8-4 test nets by rule, hidden activation, loss and β. */
final class Nets {

    private Nets() {
    }

    static TrainableNet bp(Activation act, boolean ce, long seed) {
        return switch (act) {
            case RELU -> ce ? new BpReluCeNet(seed) : new BpReluMseNet(seed);
            case HARD_TANH -> ce ? new BpHardTanhCeNet(seed) : new BpHardTanhMseNet(seed);
            case HARD_SIGMOID -> ce ? new BpHardSigmoidCeNet(seed) : new BpHardSigmoidMseNet(seed);
            case SIGMOID -> ce ? new BpSigmoidCeNet(seed) : new BpSigmoidMseNet(seed);
            case TANH -> ce ? new BpTanhCeNet(seed) : new BpTanhMseNet(seed);
            default -> throw new IllegalArgumentException(act.toString());
        };
    }

    /** Fenchel BP with β = 1e-4, 0.5 or 2.0. */
    static TrainableNet fenchel(Activation act, boolean ce, double beta, long seed) {
        if (beta == 1e-4) {
            return switch (act) {
            case RELU -> ce ? new FenReluCe4Net(seed) : new FenReluMse4Net(seed);
            case HARD_TANH -> ce ? new FenHardTanhCe4Net(seed) : new FenHardTanhMse4Net(seed);
            case HARD_SIGMOID -> ce ? new FenHardSigmoidCe4Net(seed) : new FenHardSigmoidMse4Net(seed);
            case SIGMOID -> ce ? new FenSigmoidCe4Net(seed) : new FenSigmoidMse4Net(seed);
            case TANH -> ce ? new FenTanhCe4Net(seed) : new FenTanhMse4Net(seed);
            default -> throw new IllegalArgumentException(act.toString());
            };
        }
        if (beta == 0.5) {
            return switch (act) {
            case RELU -> ce ? new FenReluCe05Net(seed) : new FenReluMse05Net(seed);
            case HARD_TANH -> ce ? new FenHardTanhCe05Net(seed) : new FenHardTanhMse05Net(seed);
            case HARD_SIGMOID -> ce ? new FenHardSigmoidCe05Net(seed) : new FenHardSigmoidMse05Net(seed);
            case SIGMOID -> ce ? new FenSigmoidCe05Net(seed) : new FenSigmoidMse05Net(seed);
            case TANH -> ce ? new FenTanhCe05Net(seed) : new FenTanhMse05Net(seed);
            default -> throw new IllegalArgumentException(act.toString());
            };
        }
        if (beta == 2.0) {
            return switch (act) {
            case RELU -> ce ? new FenReluCe2Net(seed) : new FenReluMse2Net(seed);
            case HARD_TANH -> ce ? new FenHardTanhCe2Net(seed) : new FenHardTanhMse2Net(seed);
            case HARD_SIGMOID -> ce ? new FenHardSigmoidCe2Net(seed) : new FenHardSigmoidMse2Net(seed);
            case SIGMOID -> ce ? new FenSigmoidCe2Net(seed) : new FenSigmoidMse2Net(seed);
            case TANH -> ce ? new FenTanhCe2Net(seed) : new FenTanhMse2Net(seed);
            default -> throw new IllegalArgumentException(act.toString());
            };
        }
        throw new IllegalArgumentException("no spec with beta " + beta);
    }
}
