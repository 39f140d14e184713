package layeringfixture.alpha;

import layeringfixture.alpha.internal.Secret;

/** Module alpha using its own internal package: allowed. */
public final class Front {
    public static int value() {
        return Secret.value();
    }
}
