package dev.triad.functional;

import static dev.triad.functional.tree.Tree.treeFlatten;
import static dev.triad.functional.tree.Tree.treeLeaves;
import static dev.triad.functional.tree.Tree.treeMap;
import static dev.triad.functional.tree.Tree.treeStructure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.triad.functional.tree.Flat;
import dev.triad.functional.tree.Tree;
import dev.triad.spi.error.TriadException;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class TreeTest {
    record Layer(Array w, Array b, int width) {}

    @Test
    void flattensAndRebuildsNestedContainers() {
        Array a = np.ones(2), b = np.zeros(3), c = np.ones(1);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", a);
        m.put("a", List.of(b, new Layer(c, a, 7)));
        Flat flat = treeFlatten(m);
        assertEquals(List.of(a, b, c, a), flat.leaves());
        assertEquals("TreeDef({z: *, a: [*, Layer(w=*, b=*, width=7)]})", flat.def().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) flat.def().unflatten(flat.leaves());
        assertEquals(List.of("z", "a"), List.copyOf(back.keySet()));
        Layer l = (Layer) ((List<?>) back.get("a")).get(1);
        assertSame(c, l.w());
        assertEquals(7, l.width());
    }

    @Test
    void unorderedMapsAreSortedByKey() {
        Map<String, Array> m = new HashMap<>();
        Array x = np.ones(1), y = np.zeros(1);
        m.put("b", y);
        m.put("a", x);
        assertEquals(List.of(x, y), treeLeaves(m));
    }

    @Test
    void structuresCompareByShapeOfTheTree() {
        assertEquals(treeStructure(List.of(np.ones(1), 3)), treeStructure(List.of(np.zeros(5), 3)));
        assertNotEquals(treeStructure(List.of(np.ones(1), 3)), treeStructure(List.of(np.ones(1), 4)));
        assertNotEquals(treeStructure(List.of(np.ones(1))), treeStructure(List.of(np.ones(1), np.ones(1))));
    }

    @Test
    void mapsOverLeaves() {
        Layer l = new Layer(np.ones(2), np.zeros(2), 2);
        Layer doubled = treeMap(x -> np.add(x, x), l);
        Check.close(new double[] {2, 2}, doubled.w(), 0, 2);
        Layer sum = treeMap(np::add, l, doubled);
        Check.close(new double[] {3, 3}, sum.w(), 0, 2);
        Layer three = Tree.treeMapN(xs -> np.add(np.add(xs.get(0), xs.get(1)), xs.get(2)), l, l, l);
        Check.close(new double[] {3, 3}, three.w(), 0, 2);
        assertThrows(TriadException.class, () -> treeMap(np::add, l, List.of(np.ones(2))));
    }

    @Test
    void customNodes() {
        final class Pair {
            final Array first;
            final Array second;
            Pair(Array first, Array second) {
                this.first = first;
                this.second = second;
            }
        }
        Tree.registerNode(Pair.class, p -> List.of(p.first, p.second), xs -> new Pair((Array) xs.get(0), (Array) xs.get(1)));
        Pair p = treeMap(x -> np.multiply(x, 3.0), new Pair(np.ones(1), np.zeros(1)));
        Check.close(new double[] {3}, p.first, 0, 1);
    }
}
