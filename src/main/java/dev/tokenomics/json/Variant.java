package dev.tokenomics.json;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One shape of an answer whose shape depends on a key (the report's mode): a record that implements
 * a sealed interface, whose {@code key} component is always {@code value}. The output schema of the
 * interface is a oneOf of its records, each with that key pinned, so a client can tell which it got.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Variant {
    /** The JSON key that tells the shapes apart, e.g. "mode". */
    String key();

    /** This shape's value of that key, e.g. "per_day". */
    String value();
}
