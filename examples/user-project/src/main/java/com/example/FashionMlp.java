package com.example;

import static infergen.annotations.Activation.IDENTITY;
import static infergen.annotations.Activation.RELU;

import infergen.annotations.Adam;
import infergen.annotations.Dense;
import infergen.annotations.FenchelBackprop;
import infergen.annotations.Network;

/** The README's spec, as a user writes it. */
@Network(inputs = 784, maxBatch = 50)
@Dense(units = 256, activation = RELU)
@Dense(units = 10, activation = IDENTITY)
@FenchelBackprop(beta = 1e-3f)
@Adam(learningRate = 1e-3f)
public interface FashionMlp {}
