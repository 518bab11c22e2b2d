package infergen.samples.contrastive;

import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.TrainableNet;
import org.junit.jupiter.api.Test;

/**
 * The EqProp spec of {@link TrainSpecs} learns: CI-sized training on synthetic learnable data ({@link Learnable}; TODO:
 * the embedded Fashion-MNIST slice once the data branch is merged) reaches at least 50% (chance 10%; BP-like rules reach about 70%) on held-out data.
 */
class EqPropTrainingTest {

    static {
        Grads.useAvailableKernels();
    }

    @Test
    void learnsWellAboveChance() {
        Learnable train = Learnable.generate(1, 1536);
        Learnable test = Learnable.generate(2, 512);
        TrainableNet net = new FashionEqPropNet(7);
        double before = Training.accuracy(net, test.x(), test.labels(), test.n());
        double loss = Training.train(net, train.x(), train.labels(), train.n(), 32, 2, 11);
        double after = Training.accuracy(net, test.x(), test.labels(), test.n());
        System.out.printf("EqProp: held-out accuracy %.3f → %.3f, last-epoch loss %.4f%n", before, after, loss);
        assertTrue(after >= 0.5, () -> "accuracy " + after);
    }
}
