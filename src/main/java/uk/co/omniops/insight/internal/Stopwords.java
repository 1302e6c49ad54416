package uk.co.omniops.insight.internal;

import java.util.Set;

/**
 * English function words plus the small talk of support chats ("hi", "thanks", "please", "still", "help"): words
 * that never make a topic on their own and break a phrase.
 */
final class Stopwords {

    private static final Set<String> WORDS = java.util.Arrays.stream(
                    ("""
            a about above after again against ago all almost already also although always am an and another any
            anybody anyone anything anyway anywhere are aren around as at away back be became because become been
            before being below beside besides between both but by can cannot cant could couldn did didn do does
            doesn doing don done down during each either else enough even ever every everyone everything few for
            from further get gets getting give given go goes going gone got gotten had hadn has hasn have haven
            having he her here hers herself him himself his how however i if im in indeed instead into is isn it
            its itself ive just keep kept last least less let like likely made make makes many may maybe me might
            mine more most much must my myself need needed needs neither never next no nobody none nor not nothing
            now of off often oh ok okay on once one only onto or other others otherwise our ours ourselves out over
            own per perhaps please pls put quite rather re really right said same say says see seem seems seen
            several shall she should shouldn since so some somebody someone something sometimes somewhere still
            such sure take than thank thanks thanx thx that thats the their theirs them themselves then there
            these they thing things think this those though through thus till to today together too tried try
            trying under unless until up upon us use used very via want wanted wants was wasn way we well went were
            weren what whatever when where whether which while who whom whose why will with within without won
            would wouldn yes yet you your yours yourself yourselves hi hello hey hiya dear regards cheers morning
            afternoon evening good great ask asking asked help helps helped hope hoping know let lets look looking
            tell told trying wondering lot lots bit anyone anymore able appreciate appreciated again already ll ve
            """).trim().split("\\s+"))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private Stopwords() {}

    static boolean contains(String word) {
        return WORDS.contains(word);
    }
}
