package dev.triad.backend.opencl.aparapi;

import com.aparapi.Kernel;
import dev.triad.spi.custom.CustomJvp;
import dev.triad.spi.custom.CustomVjp;
import dev.triad.spi.custom.TypeRule;
import dev.triad.spi.error.TriadException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Declares an Aparapi custom op: which kernel fields are the inputs (in order) and the output,
 * which {@code int} fields Triad sets from the types before each run, the derivative rules and
 * the {@link FallbackPolicy} (default {@link FallbackPolicy#REQUIRE_OPENCL}). Field names and
 * types are checked by {@link #build}.
 */
public final class AparapiOpBuilder {
    final String name;
    final Kernel kernel;
    final TypeRule typeRule;
    final List<SizeRule> globalRange;
    final List<String> inputs = new ArrayList<>();
    String output;
    final Map<String, SizeRule> sizes = new LinkedHashMap<>();
    CustomVjp vjp;
    CustomJvp jvp;
    FallbackPolicy policy = FallbackPolicy.REQUIRE_OPENCL;
    String description = "";

    AparapiOpBuilder(String name, Kernel kernel, TypeRule typeRule, List<SizeRule> globalRange) {
        if (kernel == null) throw new TriadException(name, "an Aparapi op needs a kernel instance");
        this.name = name;
        this.kernel = kernel;
        this.typeRule = typeRule;
        this.globalRange = globalRange;
    }

    /** The kernel's array fields that receive the inputs, in input order (arity = their count). */
    public AparapiOpBuilder inputs(String... fieldNames) {
        inputs.addAll(List.of(fieldNames));
        return this;
    }

    /** The kernel's array field that the kernel writes the result into. */
    public AparapiOpBuilder output(String fieldName) {
        this.output = fieldName;
        return this;
    }

    /** An {@code int} field Triad sets to {@code rule}'s value before each run (a row length, say). */
    public AparapiOpBuilder size(String fieldName, SizeRule rule) {
        sizes.put(fieldName, rule);
        return this;
    }

    /** The reverse-mode rule, as a composition of existing ops (without one, gradients through the op raise NotDifferentiableException). */
    public AparapiOpBuilder vjp(CustomVjp rule) {
        this.vjp = rule;
        return this;
    }

    /** The forward-mode rule (elementwise ops derive it from the VJP). */
    public AparapiOpBuilder jvp(CustomJvp rule) {
        this.jvp = rule;
        return this;
    }

    /** What happens when the kernel cannot run on OpenCL. */
    public AparapiOpBuilder policy(FallbackPolicy p) {
        if (p == null) throw new TriadException(name, "a fallback policy is required");
        this.policy = p;
        return this;
    }

    /** A short description for reports. */
    public AparapiOpBuilder description(String text) {
        this.description = text == null ? "" : text;
        return this;
    }

    /** The op, not registered by name (usable through {@link AparapiOp#apply}). */
    public AparapiOp build() { return new AparapiOp(this); }

    /**
     * Builds the op and registers it, so graphs that name it print and parse.
     *
     * @throws dev.triad.spi.error.DuplicateOpException when the name is taken
     */
    public AparapiOp register() {
        AparapiOp op = build();
        dev.triad.spi.custom.CustomOps.register(op.op());
        return op;
    }
}
