package layeringfixture.offsets;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The embeddable offsets module depending on something beyond kafka-clients and slf4j: the violation. */
public final class UsesJackson {
    public static String json(Object value) throws Exception {
        return new ObjectMapper().writeValueAsString(value);
    }
}
