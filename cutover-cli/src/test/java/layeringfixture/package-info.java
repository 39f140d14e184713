/**
 * Classes that break the layering rules on purpose, one violation each, so that {@code LayeringTest} shows each rule
 * failing; outside {@code dev.cutover} so that the product's rules never see them. Modules here are {@code alpha},
 * {@code beta} and {@code offsets}.
 */
package layeringfixture;
