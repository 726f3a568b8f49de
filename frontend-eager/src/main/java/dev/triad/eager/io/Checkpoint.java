package dev.triad.eager.io;

import dev.triad.spi.backend.HostArray;
import dev.triad.spi.io.AtomicFiles;
import dev.triad.spi.io.CorruptFileException;
import dev.triad.spi.io.Safetensors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A training checkpoint in a directory of two safetensors files:
 * <ul>
 *   <li>{@code model.safetensors}: the model's state dict (parameter names as the module tree
 *       gives them, e.g. {@code conv1.weight}), readable by any safetensors reader;</li>
 *   <li>{@code optimizer.safetensors}: the optimizer's state dict, with the
 *       {@link TrainingProgress} as metadata.</li>
 * </ul>
 * <b>Crash safety.</b> Saving is a small two-phase commit. Both files carry the same
 * {@code checkpoint_id} in their metadata. First {@code model.safetensors.new} and
 * {@code optimizer.safetensors.new} are each written atomically (temp file, fsync, rename);
 * then the optimizer file is renamed into place, then the model file. A crash before the first
 * rename leaves the previous pair untouched; a crash between the two renames leaves an
 * optimizer file whose id matches {@code model.safetensors.new}, and {@link #load} finishes
 * that rename. So a crash mid-save never destroys the previous checkpoint, and never yields a
 * model from one save with an optimizer from another.
 *
 * @param model     the model's tensors by name
 * @param optimizer the optimizer's tensors by name
 * @param progress  where training stands
 */
public record Checkpoint(Map<String, HostArray> model, Map<String, HostArray> optimizer, TrainingProgress progress) {
    /** The model file's name. */
    public static final String MODEL_FILE = "model.safetensors";
    /** The optimizer file's name. */
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    /** Suffix of a file written but not yet committed. */
    static final String STAGED = ".new";
    private static final String ID = "checkpoint_id";

    /** All parts are required. */
    public Checkpoint {
        if (model == null || optimizer == null || progress == null) throw new IllegalArgumentException("model, optimizer and progress are required");
    }

    /** True when {@code dir} holds a checkpoint (possibly one that {@link #load} must finish committing). */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(OPTIMIZER_FILE)) || Files.isRegularFile(dir.resolve(MODEL_FILE));
    }

    /** Saves into {@code dir} (created if needed), replacing the previous checkpoint there. */
    public void save(Path dir) throws IOException {
        stage(dir);
        commit(dir);
    }

    /** The first phase: both files written completely under their staged names. */
    void stage(Path dir) throws IOException {
        Files.createDirectories(dir);
        String id = progress.step() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        Map<String, String> modelMeta = new LinkedHashMap<>();
        modelMeta.put("format", "triad");
        modelMeta.put(ID, id);
        Map<String, String> optMeta = new LinkedHashMap<>(progress.toMetadata());
        optMeta.put(ID, id);
        Path modelNew = dir.resolve(MODEL_FILE + STAGED), optNew = dir.resolve(OPTIMIZER_FILE + STAGED);
        Safetensors.write(modelNew, model, modelMeta);
        Safetensors.write(optNew, optimizer, optMeta);
    }

    /** The commit phase: the two renames, optimizer first (see the class comment). */
    static void commit(Path dir) throws IOException {
        AtomicFiles.move(dir.resolve(OPTIMIZER_FILE + STAGED), dir.resolve(OPTIMIZER_FILE));
        AtomicFiles.move(dir.resolve(MODEL_FILE + STAGED), dir.resolve(MODEL_FILE));
    }

    /**
     * Loads the checkpoint in {@code dir}, first finishing a save that was interrupted between
     * its two renames.
     *
     * @throws CorruptFileException when a file is damaged or the pair does not belong together
     */
    public static Checkpoint load(Path dir) throws IOException {
        Path modelFile = dir.resolve(MODEL_FILE), optFile = dir.resolve(OPTIMIZER_FILE), modelNew = dir.resolve(MODEL_FILE + STAGED);
        if (!Files.isRegularFile(optFile)) {
            throw new CorruptFileException("checkpoint", dir, "no " + OPTIMIZER_FILE + " here" + (Files.isRegularFile(modelFile) ? " (only " + MODEL_FILE + ")" : "; is this a checkpoint directory?"));
        }
        String optId = Safetensors.readHeader(optFile).metadata().get(ID);
        if (optId == null) throw new CorruptFileException("checkpoint", optFile, "no " + ID + " in the metadata (not a Triad checkpoint?)");
        String modelId = Files.isRegularFile(modelFile) ? Safetensors.readHeader(modelFile).metadata().get(ID) : null;
        if (!optId.equals(modelId) && Files.isRegularFile(modelNew) && optId.equals(Safetensors.readHeader(modelNew).metadata().get(ID))) {
            // The previous save stopped between its renames: the staged model belongs to this optimizer state.
            AtomicFiles.move(modelNew, modelFile);
            modelId = optId;
        }
        if (!optId.equals(modelId)) {
            throw new CorruptFileException("checkpoint", dir, MODEL_FILE + " (" + (modelId == null ? "missing" : "checkpoint " + modelId) + ") and "
                    + OPTIMIZER_FILE + " (checkpoint " + optId + ") come from different saves");
        }
        Safetensors.Contents m = Safetensors.read(modelFile);
        Safetensors.Contents o = Safetensors.read(optFile);
        return new Checkpoint(m.tensors(), o.tensors(), TrainingProgress.fromMetadata(optFile, o.metadata()));
    }
}
