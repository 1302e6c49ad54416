package uk.co.omniops.analysis.model;

import java.util.ArrayList;
import java.util.List;

/** Two encoders' vectors side by side (768 dimensions), each half L2-normalised as its encoder gives it. */
record ConcatEmbeddings(TextEmbedder first, TextEmbedder second) implements TextEmbedder {

    @Override
    public String name() {
        return first.name() + "+" + second.name();
    }

    @Override
    public int dimensions() {
        return first.dimensions() + second.dimensions();
    }

    @Override
    public float[] embed(String text) {
        return join(first.embed(text), second.embed(text));
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> a = first.embedAll(texts);
        List<float[]> b = second.embedAll(texts);
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(join(a.get(i), b.get(i)));
        }
        return out;
    }

    static float[] join(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
