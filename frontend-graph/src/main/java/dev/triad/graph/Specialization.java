package dev.triad.graph;

import dev.triad.spi.graph.Graph;

import java.util.List;

/**
 * A front-end graph specialised for one run signature: the static Graph IR whose parameters
 * are the fed placeholders followed by the variables read, and whose outputs are the fetched
 * values followed by the new values of the variables the run assigns.
 *
 * @param graph the Graph IR
 * @param feeds the placeholders, in parameter order
 * @param variables the variables read, in parameter order after the feeds
 * @param fetched the fetched values, in output order
 * @param assigned the variables assigned, in output order after the fetched values
 */
public record Specialization(Graph graph, List<Output> feeds, List<Variable> variables, List<Output> fetched, List<Variable> assigned) {
    /** Copies the lists. */
    public Specialization {
        feeds = List.copyOf(feeds);
        variables = List.copyOf(variables);
        fetched = List.copyOf(fetched);
        assigned = List.copyOf(assigned);
    }
}
