package io.harbormaster.core;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The one Immutables style of the project: value types are written as abstract types with plain
 * accessor names ({@code name()}, not {@code getName()}); callers build them through a static
 * {@code builder()} on the abstract type and never name the generated {@code Immutable*} class,
 * whose {@code build()} returns the abstract type. Put it on a package-info to apply it to a
 * package.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    overshadowImplementation = true,
    depluralize = true,
    visibility = Value.Style.ImplementationVisibility.PUBLIC,
    builderVisibility = Value.Style.BuilderVisibility.PUBLIC)
public @interface HarbormasterStyle {}
