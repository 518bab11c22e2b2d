package infergen.samples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import infergen.runtime.TrainableNet;
import infergen.runtime.data.Dataset;
import infergen.runtime.data.Datasets;
import infergen.runtime.train.LearningRateSchedule;
import infergen.runtime.train.Trainer;
import infergen.runtime.train.TrainingListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The trainer's learning-rate schedule on a generated network: the rate of each epoch, and bitwise what it trains. */
class LearningRateScheduleTest {

    static Dataset train;

    @BeforeAll
    static void data() throws IOException {
        train = Datasets.embeddedFashionMnist().train().slice(0, 400);
    }

    private static TrainableNet net() {
        return Catalogue.byName("paper-bp").orElseThrow().create(7);
    }

    private static Trainer.Builder trainer(TrainableNet net) {
        return Trainer.builder(net, train).batchSize(50).seed(3).shuffle(true);
    }

    @Test
    void cosineSetsTheRateOfEachEpochBeforeItsFirstStep() {
        TrainableNet net = net();
        float base = net.hyperparameters().get("learningRate").floatValue();
        List<Float> seen = new ArrayList<>();
        Trainer t = trainer(net).learningRateSchedule(LearningRateSchedule.cosine(3))
                .listener(new TrainingListener() {
                    @Override
                    public void epochStarted(int epoch, int batches) {
                        seen.add(net.hyperparameters().get("learningRate").floatValue());
                    }
                }).build();
        t.fit(4);
        // (1 + cos(π (e − 1) / 3)) / 2 = 1, 3/4, 1/4, then the last factor again
        assertEquals(List.of(base, (float) (base * 0.75), (float) (base * 0.25), (float) (base * 0.25)), seen);
        assertEquals("cosine over 3 epochs", LearningRateSchedule.cosine(3).describe());
    }

    @Test
    void aScheduleTrainsBitwiseAsSettingTheRateByHand() {
        TrainableNet scheduled = net();
        trainer(scheduled).learningRateSchedule(LearningRateSchedule.cosine(2)).build().fit(2);

        TrainableNet byHand = net();
        double base = byHand.hyperparameters().get("learningRate").doubleValue();
        Trainer t = trainer(byHand).build();
        t.runEpoch();
        byHand.setHyperparameter("learningRate", base * 0.5);
        t.runEpoch();

        TrainableNet constant = net();
        trainer(constant).build().fit(2);
        for (int l = 0; l < scheduled.layerCount(); l++) {
            assertArrayEquals(byHand.weights(l), scheduled.weights(l), "layer " + l);
        }
        assertFalse(Arrays.equals(constant.weights(0), scheduled.weights(0)), "epoch 2 trained at half the rate");
    }

    @Test
    void theFirstCosineEpochIsTheConstantOne() {
        TrainableNet a = net();
        TrainableNet b = net();
        trainer(a).learningRateSchedule(LearningRateSchedule.cosine(10)).build().runEpoch();
        trainer(b).build().runEpoch();
        assertArrayEquals(b.weights(0), a.weights(0));
    }

    @Test
    void cosineNeedsAnEpoch() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.cosine(0));
        assertEquals("a cosine schedule needs at least 1 epoch, got 0", e.getMessage());
        assertTrue(LearningRateSchedule.CONSTANT.factor(5) == 1);
    }
}
