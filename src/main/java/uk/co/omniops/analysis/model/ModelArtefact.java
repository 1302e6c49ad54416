package uk.co.omniops.analysis.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes model artefacts. Format 1 is a bare {@link LinearModel} (the n-gram models).
 * Format 2 ("hybrid", gzip) wraps one: magic "OMNIOPS-HYBRID", format, kind, the encoder name,
 * the calibration (scale and bias applied to the logits), the n-gram model's bytes, its dense
 * embedding layer and, for sentiment, a valence regression (n-gram model + dense layer), then an
 * end marker. Format 2 cannot be loaded without an embedder of the named encoder.
 */
final class ModelArtefact {

    private static final String HYBRID_MAGIC = "OMNIOPS-HYBRID";
    private static final int HYBRID_FORMAT = 2;
    private static final int END = 0x0E0D0E0D;

    /** The parts of an artefact; dense parts and the encoder are null for format 1. */
    record Parts(
            LinearModel linear,
            @Nullable DenseLayer dense,
            @Nullable String encoder,
            float scale,
            float bias,
            @Nullable LinearModel valence,
            @Nullable DenseLayer valenceDense) {

        static Parts ngramOnly(LinearModel linear) {
            return new Parts(linear, null, null, 1f, 0f, null, null);
        }
    }

    private ModelArtefact() {}

    static Parts read(InputStream in, String kind) throws IOException {
        byte[] bytes = in.readAllBytes();
        DataInputStream d = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)));
        String magic = d.readUTF();
        if (!magic.equals(HYBRID_MAGIC)) {
            return Parts.ngramOnly(LinearModel.read(new ByteArrayInputStream(bytes), kind));
        }
        int format = d.readInt();
        if (format != HYBRID_FORMAT) {
            throw new IOException("unsupported hybrid model format " + format);
        }
        String found = d.readUTF();
        if (!found.equals(kind)) {
            throw new IOException("expected a " + kind + " model but found " + found);
        }
        String encoder = d.readUTF();
        float scale = d.readFloat();
        float bias = d.readFloat();
        LinearModel linear = LinearModel.read(new ByteArrayInputStream(readBlock(d)), kind);
        DenseLayer dense = DenseLayer.read(d);
        LinearModel valence = null;
        DenseLayer valenceDense = null;
        if (d.readBoolean()) {
            valence = LinearModel.read(new ByteArrayInputStream(readBlock(d)), "valence");
            valenceDense = DenseLayer.read(d);
        }
        if (d.readInt() != END) {
            throw new IOException("truncated model artefact");
        }
        return new Parts(linear, dense, encoder, scale, bias, valence, valenceDense);
    }

    static void write(Parts p, OutputStream out) throws IOException {
        if (p.dense() == null) {
            p.linear().write(out);
            return;
        }
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream d = new DataOutputStream(gz);
        d.writeUTF(HYBRID_MAGIC);
        d.writeInt(HYBRID_FORMAT);
        d.writeUTF(p.linear().kind);
        d.writeUTF(p.encoder() == null ? "" : p.encoder());
        d.writeFloat(p.scale());
        d.writeFloat(p.bias());
        writeBlock(d, p.linear());
        p.dense().write(d);
        d.writeBoolean(p.valence() != null);
        if (p.valence() != null) {
            writeBlock(d, p.valence());
            p.valenceDense().write(d);
        }
        d.writeInt(END);
        d.flush();
        gz.finish();
    }

    private static void writeBlock(DataOutputStream d, LinearModel m) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        m.write(b);
        d.writeInt(b.size());
        b.writeTo(d);
    }

    private static byte[] readBlock(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > (64 << 20)) {
            throw new IOException("bad block length " + n);
        }
        byte[] b = new byte[n];
        d.readFully(b);
        return b;
    }
}
