/**
 * The graph front-end's part of the conformance suite: every op of the database run through a
 * {@code dev.triad.graph.Session} (fed placeholders with and without the optimisation passes,
 * and as constants that constant folding evaluates at compile time) against the reference,
 * and symbolic gradients ({@code GraphBuilder.gradients}) against finite differences of the
 * reference. The JUnit factory adds these checks to every backend's op containers.
 */
package dev.triad.conformance.frontends.graph;
