package layeringfixture.alpha.internal;

/** Internal to module alpha. */
public final class Secret {
    public static int value() {
        return 42;
    }
}
