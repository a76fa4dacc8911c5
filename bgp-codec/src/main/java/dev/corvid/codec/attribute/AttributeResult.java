package dev.corvid.codec.attribute;

import dev.corvid.codec.AttributeError;
import dev.corvid.codec.message.DecodeResult;
import java.util.List;

/**
 * The path attributes of one UPDATE after RFC 7606 checks: the attributes kept (discarded ones removed), the
 * findings, and — when an error leaves no choice but a session reset — the NOTIFICATION to send.
 *
 * @param reset {@code null} unless the session must be reset
 */
public record AttributeResult(List<PathAttribute> attributes, List<AttributeError> errors, DecodeResult.Malformed reset) {
    public AttributeResult {
        attributes = List.copyOf(attributes);
        errors = List.copyOf(errors);
    }
}
