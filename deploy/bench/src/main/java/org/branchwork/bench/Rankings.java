package org.branchwork.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Ranked ballots as people fill them in: six options, most voters ranking two to four of them,
 * each next preference drawn in proportion to the options' popularity (a Plackett–Luce model),
 * so that rankings repeat (popular orders often, odd ones rarely) the way real STV ballots do.
 */
final class Rankings {

    static final List<String> OPTIONS = List.of("Rent", "Buses", "Libraries", "Parks", "Youth clubs", "Housing");
    /** How popular each option is nationally. */
    static final double[] NATIONAL = {0.30, 0.24, 0.18, 0.12, 0.10, 0.06};
    /** How many options a ballot ranks: 1 to 6, most often 2 to 4. */
    private static final double[] LENGTH = {0.12, 0.22, 0.26, 0.18, 0.08, 0.14};

    private Rankings() {}

    /** A branch's own leanings: the national popularity, each option's share shifted up to about ±40 %. */
    static double[] local(Random random) {
        double[] w = new double[NATIONAL.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = NATIONAL[i] * Math.exp(random.nextGaussian() * 0.35);
        }
        return w;
    }

    /** One ballot: option names, most preferred first. */
    static List<String> ballot(Random random, double[] weights) {
        int length = 1;
        double roll = random.nextDouble();
        for (double p : LENGTH) {
            roll -= p;
            if (roll <= 0) {
                break;
            }
            length++;
        }
        length = Math.min(length, weights.length);
        double[] left = weights.clone();
        List<String> out = new ArrayList<>(length);
        for (int k = 0; k < length; k++) {
            double sum = 0;
            for (double w : left) {
                sum += w;
            }
            double pick = random.nextDouble() * sum;
            int chosen = 0;
            for (int i = 0; i < left.length; i++) {
                if (left[i] == 0) {
                    continue;
                }
                chosen = i;
                pick -= left[i];
                if (pick <= 0) {
                    break;
                }
            }
            out.add(OPTIONS.get(chosen));
            left[chosen] = 0;
        }
        return out;
    }
}
