package uk.co.omniops.analysis.model;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained linear model over {@link TextFeatures#DIMENSIONS} hashed features and a fixed list of
 * labels, with its featuriser settings and version: everything an artefact file holds.
 * Weights are stored feature-major ({@code w[feature * labels + label]}) so scoring one feature
 * touches one cache line. Immutable after construction and thread-safe.
 *
 * <p>Artefact format (gzip): magic "OMNIOPS-MODEL", format number, kind, version, labels,
 * featuriser options, per-label decision offsets, lexicon entries, then the non-zero weight rows
 * as delta-coded feature indices and IEEE half-precision floats, then an end marker.
 */
final class LinearModel {

    private static final String MAGIC = "OMNIOPS-MODEL";
    private static final int FORMAT = 1;
    private static final int END = 0x0E0D0E0D;

    final String kind;
    final String version;
    final List<String> labels;
    final Featuriser featuriser;
    final float[] offsets;
    private final float[] weights;
    private final int k;

    LinearModel(
            String kind, String version, List<String> labels, Featuriser featuriser, float[] offsets, float[] weights) {
        this.kind = kind;
        this.version = version;
        this.labels = List.copyOf(labels);
        this.featuriser = featuriser;
        this.offsets = offsets.clone();
        this.k = labels.size();
        if (weights.length != TextFeatures.DIMENSIONS * k || offsets.length != k) {
            throw new IllegalArgumentException("weight or offset array does not match the labels");
        }
        this.weights = weights;
    }

    /** Raw per-label scores (logits), without decision offsets. */
    double[] logits(SparseVector x) {
        double[] z = new double[k];
        for (int i = 0; i < x.size(); i++) {
            int base = x.index(i) * k;
            float v = x.value(i);
            for (int c = 0; c < k; c++) {
                z[c] += weights[base + c] * v;
            }
        }
        return z;
    }

    void write(OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
        DataOutputStream d = new DataOutputStream(gz);
        d.writeUTF(MAGIC);
        d.writeInt(FORMAT);
        d.writeUTF(kind);
        d.writeUTF(version);
        d.writeInt(k);
        for (String l : labels) {
            d.writeUTF(l);
        }
        d.writeInt(featuriser.options());
        for (float o : offsets) {
            d.writeFloat(o);
        }
        Map<String, Float> lex =
                featuriser.lexicon() == null ? Map.of() : featuriser.lexicon().lexicon();
        d.writeInt(lex.size());
        for (String key : lex.keySet().stream().sorted().toList()) {
            d.writeUTF(key);
            d.writeFloat(lex.get(key));
        }
        List<Integer> rows = new ArrayList<>();
        for (int f = 0; f < TextFeatures.DIMENSIONS; f++) {
            for (int c = 0; c < k; c++) {
                if (Float.floatToFloat16(weights[f * k + c]) != 0) {
                    rows.add(f);
                    break;
                }
            }
        }
        d.writeInt(TextFeatures.DIMENSIONS);
        d.writeInt(rows.size());
        ByteArrayOutputStream idx = new ByteArrayOutputStream();
        int prev = 0;
        for (int f : rows) {
            int delta = f - prev;
            prev = f;
            while ((delta & ~0x7F) != 0) {
                idx.write((delta & 0x7F) | 0x80);
                delta >>>= 7;
            }
            idx.write(delta);
        }
        d.writeInt(idx.size());
        idx.writeTo(d);
        ByteBuffer buf = ByteBuffer.allocate(rows.size() * k * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int f : rows) {
            for (int c = 0; c < k; c++) {
                buf.putShort(Float.floatToFloat16(weights[f * k + c]));
            }
        }
        d.write(buf.array());
        d.writeInt(END);
        d.flush();
        gz.finish();
    }

    static LinearModel read(InputStream in, String expectedKind) throws IOException {
        DataInputStream d = new DataInputStream(new GZIPInputStream(in, 1 << 16));
        if (!MAGIC.equals(d.readUTF())) {
            throw new IOException("not an OmniOps model artefact");
        }
        int format = d.readInt();
        if (format != FORMAT) {
            throw new IOException("unsupported model format " + format);
        }
        String kind = d.readUTF();
        if (!kind.equals(expectedKind)) {
            throw new IOException("expected a " + expectedKind + " model but found " + kind);
        }
        String version = d.readUTF();
        int k = d.readInt();
        List<String> labels = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            labels.add(d.readUTF());
        }
        int options = d.readInt();
        float[] offsets = new float[k];
        for (int i = 0; i < k; i++) {
            offsets[i] = d.readFloat();
        }
        int lexSize = d.readInt();
        Map<String, Float> lex = new HashMap<>(lexSize * 2);
        for (int i = 0; i < lexSize; i++) {
            lex.put(d.readUTF(), d.readFloat());
        }
        int dims = d.readInt();
        if (dims != TextFeatures.DIMENSIONS) {
            throw new IOException("model has " + dims + " features, code expects " + TextFeatures.DIMENSIONS);
        }
        int rows = d.readInt();
        byte[] idx = new byte[d.readInt()];
        d.readFully(idx);
        byte[] raw = new byte[rows * k * 2];
        d.readFully(raw);
        if (d.readInt() != END) {
            throw new IOException("truncated model artefact");
        }
        ShortBuffer halves = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        float[] weights = new float[dims * k];
        int pos = 0;
        int f = 0;
        for (int r = 0; r < rows; r++) {
            int delta = 0;
            int shift = 0;
            int b;
            do {
                b = idx[pos++];
                delta |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            f += delta;
            for (int c = 0; c < k; c++) {
                weights[f * k + c] = Float.float16ToFloat(halves.get());
            }
        }
        LexiconScorer scorer = lexSize == 0 ? null : new LexiconScorer(lex);
        return new LinearModel(kind, version, labels, new Featuriser(options, scorer), offsets, weights);
    }
}
