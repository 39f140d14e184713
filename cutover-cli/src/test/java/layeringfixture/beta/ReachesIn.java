package layeringfixture.beta;

import layeringfixture.alpha.internal.Secret;

/** Module beta reaching into alpha's internal package: the violation. */
public final class ReachesIn {
    public static int value() {
        return Secret.value();
    }
}
