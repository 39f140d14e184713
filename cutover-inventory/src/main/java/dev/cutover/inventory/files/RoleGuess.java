package dev.cutover.inventory.files;

import java.util.Objects;

/** A role and the settings that suggested it, so a reader can judge the guess. */
public record RoleGuess(ClientRole role, String why) {
    public RoleGuess {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(why, "why");
    }
}
