package dev.cutover.server.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One part of the dashboard's answer: its data, or, when it is not known, why not ({@code unknown}) and what would make
 * it known ({@code todo}). The dashboard never fills a gap with a guess: a part that cannot be read is shown as
 * unknown, with this reason.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Section<T>(boolean known, String unknown, String todo, T data) {
    public static <T> Section<T> of(T data) {
        return new Section<>(true, null, null, data);
    }

    public static <T> Section<T> unknown(String why, String todo) {
        return new Section<>(false, why, todo, null);
    }
}
