package uk.co.omniops.analysis.model;

import java.util.List;
import java.util.Locale;

/**
 * Phrases typical of customer-service traffic, grouped into cues. They are features, not rules:
 * the trained weights decide how much "still waiting" or "thanks a lot" moves a prediction.
 * The conjunction of positive words with a problem cue is what lets sarcasm ("great, another
 * delay, thanks a lot") come out negative.
 */
final class DomainCues {

    private record Cue(String name, String[] phrases, int feature) {
        Cue(String name, String[] phrases) {
            this(name, phrases, TextFeatures.named("cue:" + name));
        }

        Cue {
            // padded once so matching is a plain substring search on a padded message
            phrases = java.util.Arrays.stream(phrases).map(p -> " " + p + " ").toArray(String[]::new);
        }
    }

    private static final List<Cue> CUES = List.of(
            new Cue("problem", new String[] {
                "not working",
                "doesnt work",
                "dont work",
                "isnt working",
                "stopped working",
                "wont work",
                "not work",
                "broken",
                "broke",
                "crash",
                "crashing",
                "crashes",
                "crashed",
                "error",
                "issue",
                "issues",
                "problem",
                "problems",
                "glitch",
                "bug",
                "failed",
                "fails",
                "failing",
                "wont load",
                "not loading",
                "cant log",
                "cant login",
                "cant access",
                "unable",
                "stuck",
                "frozen",
                "freezes",
                "freezing",
                "keeps",
                "down again",
                "is down",
                "damaged",
                "wrong",
                "missing",
                "faulty",
                "defective",
                "declined",
                "locked out",
                "doesnt let",
                "wont let",
                "not let",
                "cant even",
                "nothing happens",
                "disconnect"
            }),
            new Cue("delay", new String[] {
                "still",
                "waiting",
                "waited",
                "delayed",
                "delay",
                "delays",
                "late",
                "never arrived",
                "never received",
                "never came",
                "hasnt arrived",
                "hasnt come",
                "not arrived",
                "not received",
                "havent received",
                "havent got",
                "not yet",
                "where is my",
                "wheres my",
                "where the hell",
                "on hold",
                "again",
                "another",
                "no update",
                "no updates",
                "ages",
                "forever",
                "days",
                "weeks",
                "hours",
                "since"
            }),
            new Cue("money", new String[] {
                "charged twice",
                "double charged",
                "overcharged",
                "charged me",
                "took my money",
                "refund",
                "money back",
                "scam",
                "fraud",
                "rip off",
                "ripoff",
                "stolen",
                "extra fee",
                "hidden fee"
            }),
            new Cue("bad_service", new String[] {
                "worst",
                "terrible",
                "awful",
                "useless",
                "ridiculous",
                "joke",
                "pathetic",
                "disgusting",
                "unacceptable",
                "fed up",
                "sick of",
                "no one",
                "nobody",
                "ignored",
                "ignoring",
                "no response",
                "no reply",
                "no answer",
                "hung up",
                "shocking",
                "appalling",
                "disgrace",
                "incompetent",
                "rubbish",
                "garbage",
                "trash",
                "never again",
                "done with",
                "last time",
                "wtf",
                "seriously",
                "disappointed",
                "annoying",
                "frustrating",
                "frustrated",
                "angry",
                "furious",
                "sucks",
                "hate"
            }),
            new Cue("sarcasm", new String[] {
                "thanks a lot",
                "thanks for nothing",
                "great job",
                "well done",
                "love how",
                "love that",
                "so much for",
                "yeah right",
                "oh great",
                "great another",
                "just great",
                "nice one",
                "cheers for",
                "thanks for the",
                "good job",
                "real great",
                "how nice",
                "what a joke",
                "brilliant",
                "fantastic",
                "wonderful",
                "amazing",
                "lovely",
                "perfect",
                "awesome"
            }),
            new Cue("thanks", new String[] {
                "thank you",
                "thanks",
                "thank",
                "thx",
                "ty",
                "appreciate",
                "appreciated",
                "cheers",
                "resolved",
                "sorted",
                "fixed",
                "works now",
                "working now",
                "quick response",
                "great service",
                "helpful",
                "legend",
                "love"
            }),
            new Cue("request", new String[] {
                "how do i",
                "how can i",
                "how to",
                "can i",
                "can you",
                "could you",
                "would like",
                "id like",
                "i want to",
                "i need to",
                "i would like",
                "please",
                "pls",
                "plz",
                "is it possible",
                "what is",
                "whats",
                "when will",
                "do you",
                "is there",
                "how long",
                "where can i",
                "help me",
                "i need"
            }));

    private static final int POSITIVE_WITH_TROUBLE = TextFeatures.named("cue:positive_with_trouble");
    private static final int TROUBLE_QUESTION = TextFeatures.named("cue:trouble_question");

    private DomainCues() {}

    /** Adds one feature per cue found (value 1) and the sarcasm conjunctions. */
    static void add(List<String> tokens, double lexiconCompound, SparseVector into) {
        StringBuilder b = new StringBuilder(" ");
        for (String t : tokens) {
            b.append(t.toLowerCase(Locale.ROOT)).append(' ');
        }
        String text = b.toString();
        boolean trouble = false;
        boolean sarcasmWord = false;
        for (Cue cue : CUES) {
            for (String p : cue.phrases) {
                if (text.contains(p)) {
                    into.add(cue.feature, 1f, SparseVector.NAMED);
                    if (!cue.name.equals("thanks") && !cue.name.equals("request") && !cue.name.equals("sarcasm")) {
                        trouble = true;
                    }
                    if (cue.name.equals("sarcasm") || cue.name.equals("thanks")) {
                        sarcasmWord = true;
                    }
                    break;
                }
            }
        }
        if (trouble && (sarcasmWord || lexiconCompound > 0.3)) {
            into.add(POSITIVE_WITH_TROUBLE, 1f, SparseVector.NAMED);
        }
        if (trouble && text.endsWith(" ? ")) {
            into.add(TROUBLE_QUESTION, 1f, SparseVector.NAMED);
        }
    }
}
