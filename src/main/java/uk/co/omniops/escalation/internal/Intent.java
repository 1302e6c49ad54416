package uk.co.omniops.escalation.internal;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a contact's message explicitly says it wants or threatens, read from its text with phrase patterns (pure, no
 * model): the escalation signals a supervisor recognises at a glance, plus two "nothing to act on" kinds
 * ({@link #CONTENT_FREE}, {@link #THANKS}) that keep a message from escalating anything.
 *
 * <p>Patterns ask for the intent, not the word: "speak to a manager" is {@link #MANAGER}, "the manager role in your
 * app" is not; "I'm cancelling my contract" is {@link #CANCEL}, "please cancel order 44120" is not; "my solicitor will
 * be in touch" is {@link #LEGAL}, "my solicitor needs a copy of my records" is not. Tuned on the tuning part of
 * {@code src/test/resources/eval/escalation/conversations.tsv} (decision 005).
 */
enum Intent {

    /** Asks for a manager, supervisor or someone senior. */
    MANAGER(
            "manager",
            "asked for a manager",
            "(speak|talk|chat)\\w*\\s+(to|with)\\s+(a|your|the|some)?\\s*(senior\\s+)?(manager|supervisor|boss)"
                    + "|\\b(get|put|give)\\s+me\\s+(through\\s+to\\s+)?(a|your|the|some)?\\s*(manager|supervisor|someone\\s+(senior|higher|in\\s+charge))"
                    + "|\\b(want|need|like)\\s+(a|your|the)\\s+(manager|supervisor)"
                    + "|(manager|supervisor)\\s+(to\\s+)?(call|contact|ring|email)"
                    + "|\\bsomeone\\s+(senior|higher\\s+up|in\\s+charge)|\\bhead\\s+of\\s+(support|customer)"
                    + "|\\b(escalate|pass|passed|refer|referred)\\s+(this|it|my\\s+complaint|this\\s+complaint)?\\s*"
                    + "(on\\s+)?to\\s+(a|your|the|some)?\\s*(senior|manager|supervisor|cto|ceo|director|someone)"
                    + "|\\b(your|a)\\s+supervisor\\b"),
    /** Asks for a person instead of a bot or a script (not used by the default rules on its own). */
    HUMAN(
            "human",
            "asked for a person",
            "\\b(real|actual)\\s+(person|human)|\\b(speak|talk|chat)\\w*\\s+to\\s+a\\s+(human|person)"),
    /** Threatens to cancel, close the account, switch or never come back. */
    CANCEL(
            "cancel",
            "threatened to leave",
            "\\b(i'?m|i\\s+am|we'?re|we\\s+are|i'?ll|i\\s+will|we'?ll|we\\s+will)\\s+(be\\s+|now\\s+)?"
                    + "(cancel+ing|switching|closing|terminating)\\b|\\bleaving\\s+(you|for\\s+(another|a\\s+competitor))"
                    + "|\\bcancel\\s+(all|everything)\\b|\\bwant\\s+(our|my|the)\\s+(whole\\s+)?(contract|account|subscription)s?"
                    + "\\s+(cancel+ed|closed)|\\bnotice\\s+of\\s+termination|\\btake\\s+my\\s+business\\s+elsewhere"
                    + "|\\bnever\\s+(again|ordering|buy|buying|shopping)"
                    + "|\\bevaluating\\s+alternatives|\\bmov(e|ing)\\s+our\\s+(whole\\s+)?(team|business|account)\\s+off"
                    + "|\\bswitch(ing)?\\s+(supplier|provider|bank)s?\\b|\\bi'?m\\s+off\\b|\\bdone\\s+with\\s+(you|your)"
                    + "|\\bmoving\\s+to\\s+(another|a\\s+different)|\\b(and|or)\\s+(we|i)('ll|\\s+will)?\\s+cancel\\b"),
    /** Threatens a chargeback or a payment dispute with the bank or card company. */
    CHARGEBACK(
            "chargeback",
            "threatened a chargeback",
            "charge\\s?-?backs?\\b|\\bcharg(e|ing)\\s+(it\\s+)?back\\b|\\bsection\\s+75"
                    + "|\\bdisput\\w*\\s+(the|this)\\s+(payment|charge|transaction)\\s+(with|through)"
                    + "|\\bclaim\\w*\\s+it\\s+back\\s+through"),
    /** Mentions legal action, a lawyer or a court. */
    LEGAL(
            "legal",
            "mentioned legal action",
            "\\blegal\\s+action|\\b(sue|suing)\\s+(you|your)|\\bsmall\\s+claims|\\btake\\s+(you|this)\\s+to\\s+court"
                    + "|\\bseek\\w*\\s+damages|\\b(lawyer|solicitor|attorney)s?\\s+(will|'ll|is\\s+going|are\\s+going)"
                    + "|\\b(consult\\w*|contact\\w*|involv\\w*|instruct\\w*|hir\\w*|speak\\w*\\s+to|talk\\w*\\s+to|to)\\s+"
                    + "(a|my|our)\\s+(lawyer|solicitor|attorney)"),
    /** Mentions a regulator or an ombudsman. */
    REGULATOR(
            "regulator",
            "mentioned a regulator",
            "\\bombudsman|\\bofcom\\b|\\bofgem\\b|\\bfca\\b|financial\\s+conduct\\s+authority|trading\\s+standards"
                    + "|care\\s+quality\\s+commission|\\bcqc\\b|\\bwatchdog|\\bregulator|better\\s+business\\s+bureau"),
    /** Threatens to go public: social media, reviews, the press. */
    PUBLIC(
            "public",
            "threatened to go public",
            "\\btwitter\\b|\\btiktok\\b|\\bfacebook\\b|\\binstagram\\b|\\btrustpilot\\b|social\\s+media|\\bthe\\s+press\\b"
                    + "|\\bjournalist|\\bsharing\\s+this|\\bpost(ing)?\\s+(this|it|every)|\\btell\\s+everyone|\\beveryone\\s+avoid"
                    + "|\\btagging\\s+@"),
    /** Insults or swears at the company or its staff. */
    ABUSE(
            "abuse",
            "was abusive",
            "\\bidiots?\\b|\\bmorons?\\b|\\bstupid\\b|\\bclowns\\b|\\bcrooks\\b|\\bliars\\b|\\bthieves\\b|\\bscam(mers?|ming)?\\b"
                    + "|\\bincompetent\\b|\\bf\\*+(ing)?\\b|\\bfuck\\w*|\\bshit\\w*|\\bbastards?\\b|\\bshut\\s+up\\b"
                    + "|\\bjoke\\s+of\\s+a\\s+company|\\bpathetic\\s+excuse"),
    /**
     * Says in so many words how angry or distressed the customer is ("furious", "unacceptable", "I've had enough",
     * "worst service ever"): the intensity a sentiment score alone misses when the wording is otherwise plain.
     */
    ANGER(
            "anger",
            "sounded angry",
            "\\b(furious|fuming|livid|outraged|outrageous|disgust\\w*|appall\\w*|horrif\\w*|unacceptable|disgrace\\w*"
                    + "|shameful|shambles|ridiculous|unbelievable|nightmare|catastroph\\w*|disaster|scandal\\w*"
                    + "|daylight\\s+robbery|theft|harassment|humiliat\\w*|in\\s+tears|beyond\\s+angry|really\\s+angry"
                    + "|so\\s+angry|sick\\s+(of|and\\s+tired)|fed\\s+up|had\\s+enough|end\\s+of\\s+my\\s+tether"
                    + "|losing\\s+(my\\s+)?patience|i'?m\\s+done|useless|a\\s+joke\\b"
                    + "|worst\\s+(\\w+\\s+){0,3}(ever|i'?ve\\s+ever|in\\s+my\\s+life)|ashamed|pathetic)\\b"),
    /** A thank-you or closing line with nothing else in it. */
    THANKS("thanks", "said thanks", "\\b(thanks?|thank\\s+you|thx|ty|cheers|much\\s+appreciated|many\\s+thanks)\\b"),
    /** Nothing to read: punctuation, an emoji, a link, a greeting or an acknowledgement alone. */
    CONTENT_FREE("content_free", "sent no content", "$^");

    private static final Set<String> FILLER = Set.of(
            "hi",
            "hello",
            "hey",
            "yo",
            "there",
            "morning",
            "ok",
            "okay",
            "k",
            "kk",
            "yes",
            "yeah",
            "yep",
            "no",
            "nope",
            "please",
            "pls",
            "thanks",
            "thank",
            "you",
            "ty",
            "thx",
            "lol",
            "gg",
            "hmm",
            "hm",
            "test",
            "testing",
            "ping",
            "bump",
            "asdf",
            "stop",
            "is",
            "anyone",
            "sent",
            "from",
            "my",
            "iphone",
            "android",
            "see",
            "attached",
            "text",
            "fine",
            "sure",
            "good",
            "cool");
    private static final Pattern URL = Pattern.compile("(https?://|www\\.)\\S+", Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'’]*");
    private static final Pattern NEGATED =
            Pattern.compile("\\b(not|no|isn't|wasn't|never)\\s+(a\\s+|an\\s+|the\\s+)?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATIVE_WORDS = Pattern.compile(
            "\\b(but|still|not|never|no\\s+longer|again|worst|useless|angry|furious|unacceptable|disappointed)\\b",
            Pattern.CASE_INSENSITIVE);

    private final String key;
    private final String words;
    private final Pattern pattern;

    Intent(String key, String words, String regex) {
        this.key = key;
        this.words = words;
        this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The key stored in rule conditions, e.g. {@code manager}. */
    public String key() {
        return key;
    }

    /** What the customer did, in words for the desk and alerts, e.g. "asked for a manager". */
    public String words() {
        return words;
    }

    public static Optional<Intent> fromKey(String key) {
        for (var i : values()) {
            if (i.key.equals(key)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The intents a rule may ask for (everything but {@link #CONTENT_FREE} and {@link #THANKS}). */
    public static Set<Intent> signals() {
        return EnumSet.complementOf(EnumSet.of(CONTENT_FREE, THANKS));
    }

    /**
     * The intents of a message's text. A content-free message has only {@link #CONTENT_FREE}; {@link #THANKS} is
     * set only for a short thank-you or closing line without a complaint or another intent in it.
     */
    public static Set<Intent> of(String text) {
        var found = EnumSet.noneOf(Intent.class);
        if (contentFree(text)) {
            found.add(CONTENT_FREE);
            return found;
        }
        var normalised = text.replace('’', '\'');
        for (var i : signals()) {
            var m = i.pattern.matcher(normalised);
            while (m.find()) {
                // "not a disaster", "wasn't unacceptable": a denied feeling is no anger
                if (i != ANGER
                        || !NEGATED.matcher(normalised.substring(Math.max(0, m.start() - 14), m.start()))
                                .find()) {
                    found.add(i);
                    break;
                }
            }
        }
        if (found.isEmpty()
                && text.length() <= 160
                && THANKS.pattern.matcher(normalised).find()
                && !NEGATIVE_WORDS.matcher(normalised).find()) {
            found.add(THANKS);
        }
        return found;
    }

    /** No words of two or more letters besides greetings, acknowledgements and links ("??", "ok", "👍", a URL). */
    static boolean contentFree(String text) {
        var stripped = URL.matcher(text).replaceAll(" ");
        var words = WORD.matcher(stripped.toLowerCase(Locale.ROOT))
                .results()
                .map(m -> m.group())
                .toList();
        var meaningful = words.stream()
                .filter(w -> w.length() >= 2 && !FILLER.contains(w))
                .count();
        return meaningful == 0 && words.size() <= 5;
    }
}
