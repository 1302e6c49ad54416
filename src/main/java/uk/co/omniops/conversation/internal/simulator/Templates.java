package uk.co.omniops.conversation.internal.simulator;

import static uk.co.omniops.conversation.internal.simulator.Business.ENGINEERING;
import static uk.co.omniops.conversation.internal.simulator.Business.FOOD_DELIVERY;
import static uk.co.omniops.conversation.internal.simulator.Business.TECH_SUPPORT;
import static uk.co.omniops.conversation.internal.simulator.Tone.ANGRY;
import static uk.co.omniops.conversation.internal.simulator.Tone.CALM;
import static uk.co.omniops.conversation.internal.simulator.Topic.ACCOUNT;
import static uk.co.omniops.conversation.internal.simulator.Topic.BILLING;
import static uk.co.omniops.conversation.internal.simulator.Topic.CANCELLATION;
import static uk.co.omniops.conversation.internal.simulator.Topic.COMPLAINT;
import static uk.co.omniops.conversation.internal.simulator.Topic.DELIVERY;
import static uk.co.omniops.conversation.internal.simulator.Topic.PRAISE;
import static uk.co.omniops.conversation.internal.simulator.Topic.REFUND;
import static uk.co.omniops.conversation.internal.simulator.Topic.TECHNICAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Message templates. Variables in braces are filled by {@link ConversationGenerator}: common ones ({@code name},
 * {@code order}, {@code amount}, {@code invoice}, {@code day}, {@code days}, {@code minutes}, {@code ticket}) and the
 * business's own vocabulary ({@link Business}).
 */
final class Templates {

    /** One opening message: whose voice, what about, how it feels, and a subject line. */
    record Opening(Business business, Topic topic, Tone tone, String subject, String text) {}

    /** A later message in an open conversation. */
    record FollowUp(Tone tone, boolean afterAgentReply, String text) {}

    static final List<Opening> OPENINGS = new ArrayList<>();
    static final List<FollowUp> FOLLOW_UPS = new ArrayList<>();
    /** Extra details a contact adds later, per business. */
    static final Map<Business, List<String>> DETAILS = Map.of(
            TECH_SUPPORT,
                    List.of(
                            "In case it helps: I'm on my {device} and the exact message is {error}.",
                            "My old ticket number was {ticket}, if that's useful.",
                            "I've already restarted the {device} twice, same result.",
                            "We're on the {plan} plan, if that makes a difference."),
            ENGINEERING,
                    List.of(
                            "For reference, the purchase order is {order} and it's for the {site}.",
                            "Our maintenance window is {day}, so timing matters here.",
                            "I can send photos of the {part} if {engineer} needs them.",
                            "Please copy our site manager at the {site} on any reply."),
            FOOD_DELIVERY,
                    List.of(
                            "The order number is {order}, from {restaurant}.",
                            "I paid {amount} by card, in case you need to find it.",
                            "It was the {item} and a drink, ordered about {minutes} minutes ago.",
                            "The app still shows {courier} as 'nearby' but nothing's arrived."));

    private static void open(Business b, Topic t, Tone tone, String subject, String text) {
        OPENINGS.add(new Opening(b, t, tone, subject, text));
    }

    private static void follow(Tone tone, boolean afterReply, String text) {
        FOLLOW_UPS.add(new FollowUp(tone, afterReply, text));
    }

    static {
        // ---------------------------------------------------------------- TechSupport Co: IT support, software
        open(
                TECH_SUPPORT,
                BILLING,
                CALM,
                "Question about invoice {invoice}",
                "Hi, I've just received invoice {invoice} for {amount} but I thought we were on the {plan} plan. Could you check which plan we're billed for? Thanks, {name}");
        open(
                TECH_SUPPORT,
                BILLING,
                CALM,
                "Licence count on our bill",
                "Hello, our latest bill lists 25 licences for {product}, but we only have 20 staff using it. Can you confirm the count before we pay?");
        open(
                TECH_SUPPORT,
                BILLING,
                CALM,
                "VAT number on invoices",
                "Hi there, could you add our VAT number to future invoices? The last one ({invoice}) didn't have it and our accounts team needs it.");
        open(
                TECH_SUPPORT,
                BILLING,
                ANGRY,
                "Charged twice this month!",
                "You've charged our card twice this month, {amount} each time. This is the second time this has happened. Fix it today please.");
        open(
                TECH_SUPPORT,
                BILLING,
                ANGRY,
                "Price went up without warning",
                "Our {plan} subscription jumped to {amount} without a single email warning us. That is not acceptable. Explain.");

        open(
                TECH_SUPPORT,
                DELIVERY,
                CALM,
                "Replacement {device} shipping",
                "Hi, you said a replacement {device} would be sent out under warranty. Do you have a tracking number yet?");
        open(
                TECH_SUPPORT,
                DELIVERY,
                CALM,
                "When will the hardware arrive?",
                "Hello, we ordered three new {device}s on {day}. Is there an estimated delivery date? We have new starters next week.");
        open(
                TECH_SUPPORT,
                DELIVERY,
                CALM,
                "Licence keys not received",
                "Hi, we bought extra seats for {product} but haven't received the licence keys by email yet. Could you resend them?");
        open(
                TECH_SUPPORT,
                DELIVERY,
                ANGRY,
                "Still no replacement device",
                "It's been {days} days and the replacement {device} STILL hasn't arrived. My colleague can't work. What is going on?");
        open(
                TECH_SUPPORT,
                DELIVERY,
                ANGRY,
                "Wrong hardware delivered",
                "You sent us the wrong {device}. Again. We've lost a whole day setting it up before noticing. Sort it out.");

        open(
                TECH_SUPPORT,
                TECHNICAL,
                CALM,
                "{product} won't sync",
                "Hi, since this morning {product} shows {error} when I try to sync. I've tried logging out and in again. Any ideas?");
        open(
                TECH_SUPPORT,
                TECHNICAL,
                CALM,
                "VPN drops every few minutes",
                "Hello, SecureVPN on my {device} disconnects every five minutes or so. It started after the last update. Is this a known issue?");
        open(
                TECH_SUPPORT,
                TECHNICAL,
                CALM,
                "Printer not found on network",
                "Hi, our office printer disappeared from the network after the router was replaced. Can someone walk me through reconnecting it?");
        open(
                TECH_SUPPORT,
                TECHNICAL,
                ANGRY,
                "Nothing works since your update",
                "Your update broke {product} for our whole team. Everyone gets {error}. We've been down for two hours. I need someone on this NOW.");
        open(
                TECH_SUPPORT,
                TECHNICAL,
                ANGRY,
                "Third outage this week",
                "{product} is down AGAIN. Third time this week. We pay for the {plan} plan and get nothing but {error}. Unbelievable.");

        open(
                TECH_SUPPORT,
                REFUND,
                CALM,
                "Refund for unused seats",
                "Hi, we removed 5 seats from {product} on {day}. Are we due a partial refund for the rest of the month?");
        open(
                TECH_SUPPORT,
                REFUND,
                CALM,
                "Refund request for {invoice}",
                "Hello, we cancelled the add-on before renewal but invoice {invoice} still includes it ({amount}). Could that be refunded please?");
        open(
                TECH_SUPPORT,
                REFUND,
                CALM,
                "Returned {device} – refund?",
                "Hi, we returned the faulty {device} {days} days ago. Could you let me know when the refund of {amount} will go through?");
        open(
                TECH_SUPPORT,
                REFUND,
                ANGRY,
                "Where is my refund?",
                "I was promised a refund of {amount} weeks ago. Still nothing. I'm tired of chasing this. Where is my money?");
        open(
                TECH_SUPPORT,
                REFUND,
                ANGRY,
                "Refund refused – really?",
                "You refused our refund because of 'usage' when {product} never even worked for us. Absolutely ridiculous.");

        open(
                TECH_SUPPORT,
                COMPLAINT,
                CALM,
                "Slow response to our ticket",
                "Hi, I don't want to make a fuss, but ticket {ticket} has been open for a week without an update. Could someone take a look?");
        open(
                TECH_SUPPORT,
                COMPLAINT,
                CALM,
                "Feedback about the last call",
                "Hello, the technician on our last call seemed rushed and closed the session before we'd tested the fix. Just wanted you to know.");
        open(
                TECH_SUPPORT,
                COMPLAINT,
                CALM,
                "Confusing renewal emails",
                "Hi, we keep getting renewal reminders for {product} even though we renewed on {day}. It's confusing our finance team.");
        open(
                TECH_SUPPORT,
                COMPLAINT,
                ANGRY,
                "Worst support experience ever",
                "I've been passed between four people about {error} and nobody has a clue. This is the worst support I have ever had.");
        open(
                TECH_SUPPORT,
                COMPLAINT,
                ANGRY,
                "Your technician deleted our files",
                "Your remote technician wiped files from my {device} during a 'routine fix'. This is a disaster and I want it escalated.");

        open(
                TECH_SUPPORT,
                PRAISE,
                CALM,
                "Thank you!",
                "Just wanted to say thanks to whoever fixed our {product} problem yesterday. Quick, clear and friendly. Great job!");
        open(
                TECH_SUPPORT,
                PRAISE,
                CALM,
                "Great onboarding",
                "Hi, the onboarding session for {product} was excellent. Our team felt confident straight away. Thank you!");
        open(
                TECH_SUPPORT,
                PRAISE,
                CALM,
                "Brilliant remote help",
                "Thanks so much for sorting out my {device} remotely this morning. I thought I'd lost everything. You're lifesavers.");
        open(
                TECH_SUPPORT,
                PRAISE,
                CALM,
                "Happy with the {plan} plan",
                "Hello, six months on the {plan} plan and no outages. Just wanted to pass on that we're really happy.");
        open(
                TECH_SUPPORT,
                PRAISE,
                ANGRY,
                "Finally fixed, but…",
                "OK, the {error} problem is finally fixed and the last agent was great. But it should not have taken three weeks.");

        open(
                TECH_SUPPORT,
                ACCOUNT,
                CALM,
                "Add a new user",
                "Hi, could you add a new user to our account? Her name is Maria Lopez and she needs access to {product}.");
        open(
                TECH_SUPPORT,
                ACCOUNT,
                CALM,
                "Change the account owner",
                "Hello, I'm leaving the company on {day}. How do I transfer ownership of our account to my colleague?");
        open(
                TECH_SUPPORT,
                ACCOUNT,
                CALM,
                "Two-factor set-up",
                "Hi, I got a new {device} and now I can't complete two-factor login. How can I move my authenticator?");
        open(
                TECH_SUPPORT,
                ACCOUNT,
                ANGRY,
                "Locked out of my account",
                "I've been locked out of the helpdesk portal for two days and the reset link doesn't work. I can't do my job!");
        open(
                TECH_SUPPORT,
                ACCOUNT,
                ANGRY,
                "Who changed our admin password?",
                "Someone changed our admin password and nobody here did it. I need to know what happened and I need access back immediately.");

        open(
                TECH_SUPPORT,
                CANCELLATION,
                CALM,
                "Cancel {product} add-on",
                "Hi, we'd like to cancel the {product} add-on at the end of this billing period. What's the process?");
        open(
                TECH_SUPPORT,
                CANCELLATION,
                CALM,
                "Downgrade instead of cancel?",
                "Hello, we're thinking about cancelling, but could we downgrade from {plan} to Basic instead? What would we lose?");
        open(
                TECH_SUPPORT,
                CANCELLATION,
                CALM,
                "Notice period",
                "Hi, how much notice do we need to give to cancel our contract? We may be moving to an in-house IT team.");
        open(
                TECH_SUPPORT,
                CANCELLATION,
                ANGRY,
                "Cancel everything",
                "After this week's outages I want our whole contract cancelled. Don't try to talk me out of it. Just confirm.");
        open(
                TECH_SUPPORT,
                CANCELLATION,
                ANGRY,
                "Why can't I cancel online?",
                "Why is there no cancel button anywhere? I've clicked through every page. Cancel my {plan} subscription today.");

        // ---------------------------------------------------------------- Thompson Engineering: parts, fabrication,
        // site service
        open(
                ENGINEERING,
                BILLING,
                CALM,
                "Query on invoice {invoice}",
                "Good morning, invoice {invoice} shows {amount} for the {part}, but the quote was lower. Could you send a breakdown? Regards, {name}");
        open(
                ENGINEERING,
                BILLING,
                CALM,
                "Payment terms for PO {order}",
                "Hello, could you confirm the payment terms on purchase order {order}? Our accounts team has 30 days on file, the invoice says 14.");
        open(
                ENGINEERING,
                BILLING,
                CALM,
                "Credit note needed",
                "Hi, we returned one {part} from order {order}. Please could you issue a credit note so we can reconcile the account?");
        open(
                ENGINEERING,
                BILLING,
                ANGRY,
                "Overcharged for call-out",
                "You've billed {amount} for a call-out at the {site} that lasted forty minutes. That's extortionate and we won't pay it as is.");
        open(
                ENGINEERING,
                BILLING,
                ANGRY,
                "Invoice sent to the wrong company",
                "Our invoice {invoice} was sent to another company entirely. That's a data breach as far as I'm concerned. Explain yourselves.");

        open(
                ENGINEERING,
                DELIVERY,
                CALM,
                "Delivery date for {order}",
                "Morning, could you confirm the delivery date for the {part} on order {order}? It needs to reach the {site} before {day}.");
        open(
                ENGINEERING,
                DELIVERY,
                CALM,
                "Forklift needed on site?",
                "Hello, the {part} on order {order} is heavy. Will your driver need a forklift at the {site}, or is there a tail lift?");
        open(
                ENGINEERING,
                DELIVERY,
                CALM,
                "Split delivery possible?",
                "Hi, can the rest of order {order} be delivered to the {site} instead of head office? Part of it has already arrived.");
        open(
                ENGINEERING,
                DELIVERY,
                ANGRY,
                "Line stopped – where is the part?",
                "Our production line at the {site} has been stopped for {days} days waiting for the {part}. Every hour costs us thousands. Where is it?");
        open(
                ENGINEERING,
                DELIVERY,
                ANGRY,
                "Damaged on arrival",
                "The {part} from order {order} arrived with a cracked housing. Clearly badly packed. We need a replacement dispatched today.");

        open(
                ENGINEERING,
                TECHNICAL,
                CALM,
                "Torque settings for {part}",
                "Hello, could you send the recommended torque settings for fitting the {part}? The manual we received is for the older model.");
        open(
                ENGINEERING,
                TECHNICAL,
                CALM,
                "Vibration after installation",
                "Hi, after fitting the new {part} at the {site} we're seeing slight vibration at high load. Is that normal during run-in?");
        open(
                ENGINEERING,
                TECHNICAL,
                CALM,
                "Drawings in DXF format?",
                "Good afternoon, could you supply the drawings for the {part} as DXF files? Our fabrication team needs them for the brackets.");
        open(
                ENGINEERING,
                TECHNICAL,
                ANGRY,
                "Part failed after a week",
                "The {part} you supplied failed after one week in service at the {site}. This is not what we paid for. I want {engineer} out here.");
        open(
                ENGINEERING,
                TECHNICAL,
                ANGRY,
                "Wrong specification supplied",
                "You've supplied the {part} to the wrong specification. Our drawings were clear. Now the whole job at the {site} is on hold.");

        open(
                ENGINEERING,
                REFUND,
                CALM,
                "Refund for returned {part}",
                "Hello, we returned the unused {part} from order {order} last week. When can we expect the refund of {amount}?");
        open(
                ENGINEERING,
                REFUND,
                CALM,
                "Cancelled site visit refund",
                "Hi, we cancelled the site visit for {day} with more than 48 hours' notice. Could the deposit of {amount} be refunded?");
        open(
                ENGINEERING,
                REFUND,
                CALM,
                "Partial refund for late delivery",
                "Good morning, order {order} arrived {days} days after the agreed date. Does your late-delivery clause give us a partial refund?");
        open(
                ENGINEERING,
                REFUND,
                ANGRY,
                "Still waiting for our money",
                "We returned the faulty {part} a month ago and we're still waiting for {amount}. This is a serious supplier relationship issue.");
        open(
                ENGINEERING,
                REFUND,
                ANGRY,
                "Restocking fee? No.",
                "You've deducted a restocking fee from our refund for a {part} that was faulty. Completely unacceptable. Refund the full amount.");

        open(
                ENGINEERING,
                COMPLAINT,
                CALM,
                "Engineer arrived late",
                "Hi, {engineer} arrived at the {site} three hours after the booked slot. The work was fine, but we'd appreciate better notice next time.");
        open(
                ENGINEERING,
                COMPLAINT,
                CALM,
                "Paperwork missing",
                "Hello, the certificate of conformity for the {part} wasn't included in the delivery. Could you email it over?");
        open(
                ENGINEERING,
                COMPLAINT,
                CALM,
                "Communication on order {order}",
                "Hi, we weren't told that order {order} was delayed until we chased. A quick email would have helped us plan.");
        open(
                ENGINEERING,
                COMPLAINT,
                ANGRY,
                "Unsafe working on our site",
                "Your technician worked on the {part} at the {site} without isolating the supply. That's a serious safety breach. I expect a formal response.");
        open(
                ENGINEERING,
                COMPLAINT,
                ANGRY,
                "Ignored for a fortnight",
                "I've emailed three times in two weeks about order {order} and nobody has replied. Is anyone actually running your service desk?");

        open(
                ENGINEERING,
                PRAISE,
                CALM,
                "Excellent job at the {site}",
                "Just a note to say {engineer} did an excellent job at the {site} yesterday. Tidy, professional and finished early. Thank you.");
        open(
                ENGINEERING,
                PRAISE,
                CALM,
                "Quick turnaround",
                "Thanks for the quick turnaround on the {part}. Ordered on Monday, fitted by {day}. Very impressed.");
        open(
                ENGINEERING,
                PRAISE,
                CALM,
                "Great advice",
                "Hello, your team's advice on the {part} specification saved us from an expensive mistake. Much appreciated.");
        open(
                ENGINEERING,
                PRAISE,
                CALM,
                "Smooth commissioning",
                "The commissioning at the {site} went without a hitch. Please pass our thanks to the whole team.");
        open(
                ENGINEERING,
                PRAISE,
                ANGRY,
                "Good work, slow paperwork",
                "The installation itself was first class, credit to {engineer}. The paperwork afterwards took far too long, though.");

        open(
                ENGINEERING,
                ACCOUNT,
                CALM,
                "New delivery address",
                "Hello, please add the {site} as a delivery address on our trade account. Same billing details as before.");
        open(
                ENGINEERING,
                ACCOUNT,
                CALM,
                "Add a buyer to our account",
                "Hi, could you set up portal access for our new buyer, Tom Hughes? He'll be placing orders for the {site}.");
        open(
                ENGINEERING,
                ACCOUNT,
                CALM,
                "Credit limit review",
                "Good morning, we'd like to request a review of our credit limit, as we're expecting larger orders for the {part} this quarter.");
        open(
                ENGINEERING,
                ACCOUNT,
                ANGRY,
                "Account on hold?!",
                "Our account has been put on hold with no warning, and we have an urgent {part} to order. Lift it immediately.");
        open(
                ENGINEERING,
                ACCOUNT,
                ANGRY,
                "Portal login broken again",
                "The trade portal has rejected my login all week. I have orders to place for the {site}. This is costing us time.");

        open(
                ENGINEERING,
                CANCELLATION,
                CALM,
                "Cancel part of {order}",
                "Hi, please cancel the {part} from order {order}; we've sourced it locally. The rest of the order is still needed.");
        open(
                ENGINEERING,
                CANCELLATION,
                CALM,
                "Service contract renewal",
                "Hello, we won't be renewing the maintenance contract for the {site} as the site is closing. What notice do you need?");
        open(
                ENGINEERING,
                CANCELLATION,
                CALM,
                "Reschedule or cancel visit",
                "Hi, we need to cancel the site visit on {day}. Could we rebook for the following week instead?");
        open(
                ENGINEERING,
                CANCELLATION,
                ANGRY,
                "Cancel the whole order",
                "Given the delays, cancel purchase order {order} in full. We've gone to another supplier. Confirm in writing.");
        open(
                ENGINEERING,
                CANCELLATION,
                ANGRY,
                "Terminate the contract",
                "After the problems at the {site} we're terminating the service contract. I expect no further charges.");

        // ---------------------------------------------------------------- FoodDelivery Inc: takeaway delivery app
        open(
                FOOD_DELIVERY,
                BILLING,
                CALM,
                "Charged a service fee twice",
                "Hi! I think I was charged the service fee twice on order {order}. Could you check? Thanks, {name}");
        open(
                FOOD_DELIVERY,
                BILLING,
                CALM,
                "Promo code not applied",
                "Hello, my promo code didn't apply on my order from {restaurant} ({order}). I paid {amount}. Can you help?");
        open(
                FOOD_DELIVERY,
                BILLING,
                CALM,
                "Question about my subscription",
                "Hi, I'm being charged for the monthly delivery pass but I thought I'd cancelled it. Could you check my account?");
        open(
                FOOD_DELIVERY,
                BILLING,
                ANGRY,
                "You took money for a cancelled order",
                "You took {amount} for an order that was CANCELLED by {restaurant}. Give me my money back.");
        open(
                FOOD_DELIVERY,
                BILLING,
                ANGRY,
                "Hidden fees",
                "The app showed {amount} and you charged me way more. Hidden fees everywhere. This is a scam.");

        open(
                FOOD_DELIVERY,
                DELIVERY,
                CALM,
                "Where's my order?",
                "Hi, my order {order} from {restaurant} was due {minutes} minutes ago. Is it on its way?");
        open(
                FOOD_DELIVERY,
                DELIVERY,
                CALM,
                "Courier can't find the building",
                "Hello, {courier} called to say they can't find my building. It's the blue door next to the pharmacy. Could you pass that on?");
        open(
                FOOD_DELIVERY,
                DELIVERY,
                CALM,
                "Leave at the door please",
                "Hi, could you ask {courier} to leave order {order} at the door? I'm on a call. Thank you!");
        open(
                FOOD_DELIVERY,
                DELIVERY,
                ANGRY,
                "Food arrived cold",
                "My {item} arrived stone cold after waiting over an hour. {minutes} minutes late and inedible. Unacceptable.");
        open(
                FOOD_DELIVERY,
                DELIVERY,
                ANGRY,
                "Order marked delivered but never came",
                "The app says order {order} was delivered. It wasn't. I'm starving and you've got my money. What now?");

        open(
                FOOD_DELIVERY,
                TECHNICAL,
                CALM,
                "App crashes at checkout",
                "Hi, the app crashes every time I try to pay. I've reinstalled it. Is there a problem at the moment?");
        open(
                FOOD_DELIVERY,
                TECHNICAL,
                CALM,
                "Can't add my new card",
                "Hello, when I add my new card the app says 'card declined', but the bank says it's fine. Any ideas?");
        open(
                FOOD_DELIVERY,
                TECHNICAL,
                CALM,
                "Tracking map not updating",
                "Hi, the tracking map for order {order} hasn't moved for 20 minutes. Is {courier} actually on the way?");
        open(
                FOOD_DELIVERY,
                TECHNICAL,
                ANGRY,
                "Your app charged me three times",
                "Your app froze, so I pressed pay again, and now I've been charged three times for one {item}. Fix your app!");
        open(
                FOOD_DELIVERY,
                TECHNICAL,
                ANGRY,
                "Can't log in at all",
                "I can't log in at all, the app just spins forever. I've got a voucher that expires tonight. Useless.");

        open(
                FOOD_DELIVERY,
                REFUND,
                CALM,
                "Missing item",
                "Hi, my order from {restaurant} ({order}) was missing the {item}. Could I get a refund for that part?");
        open(
                FOOD_DELIVERY,
                REFUND,
                CALM,
                "Wrong order delivered",
                "Hello, I received someone else's order instead of my {item}. Could you refund or resend it?");
        open(
                FOOD_DELIVERY,
                REFUND,
                CALM,
                "Refund to card or credit?",
                "Hi, you offered me a refund for order {order}. Could it go back to my card rather than app credit, please?");
        open(
                FOOD_DELIVERY,
                REFUND,
                ANGRY,
                "Still no refund",
                "It's been {days} days and my refund of {amount} STILL hasn't arrived. Stop fobbing me off with 'processing'.");
        open(
                FOOD_DELIVERY,
                REFUND,
                ANGRY,
                "Refund is an insult",
                "You refunded £2 for a {item} that was completely wrong. That's an insult. I want the full {amount} back.");

        open(
                FOOD_DELIVERY,
                COMPLAINT,
                CALM,
                "Packaging leaked",
                "Hi, the curry from {restaurant} leaked all over the bag. Not a disaster, but the packaging could be better.");
        open(
                FOOD_DELIVERY,
                COMPLAINT,
                CALM,
                "Rider was rude",
                "Hello, {courier} was quite rude when I asked them to come up to the second floor. Just wanted to let you know.");
        open(
                FOOD_DELIVERY,
                COMPLAINT,
                CALM,
                "Allergy note ignored",
                "Hi, I added a nut allergy note to order {order} but the {item} had peanuts on it. Luckily I noticed. Please pass this on.");
        open(
                FOOD_DELIVERY,
                COMPLAINT,
                ANGRY,
                "Found a hair in my food",
                "There was a HAIR in my {item} from {restaurant}. Disgusting. I want a full refund and I want them investigated.");
        open(
                FOOD_DELIVERY,
                COMPLAINT,
                ANGRY,
                "Worst service ever",
                "Late, cold, wrong and a rude courier. Worst delivery experience I've ever had. Never again.");

        open(
                FOOD_DELIVERY,
                PRAISE,
                CALM,
                "Super fast!",
                "Just wanted to say my {item} from {restaurant} arrived in 15 minutes and still piping hot. Amazing!");
        open(
                FOOD_DELIVERY,
                PRAISE,
                CALM,
                "Lovely courier",
                "The courier tonight was so friendly and even brought the order up the stairs. Please thank them for me!");
        open(
                FOOD_DELIVERY,
                PRAISE,
                CALM,
                "Great support",
                "Thanks for sorting out my missing {item} so quickly last week. Really good service.");
        open(
                FOOD_DELIVERY,
                PRAISE,
                CALM,
                "Love the new app",
                "The new version of the app is brilliant, reordering my usual from {restaurant} takes two taps now.");
        open(
                FOOD_DELIVERY,
                PRAISE,
                ANGRY,
                "Good food, late again",
                "Food from {restaurant} was delicious as always, but {minutes} minutes late again. Please sort the timing out.");

        open(
                FOOD_DELIVERY,
                ACCOUNT,
                CALM,
                "Change my email address",
                "Hi, how do I change the email address on my account? I'm moving to a new provider.");
        open(
                FOOD_DELIVERY,
                ACCOUNT,
                CALM,
                "Update delivery address",
                "Hello, I've moved house. Could you help me update my default delivery address? The app won't let me delete the old one.");
        open(
                FOOD_DELIVERY,
                ACCOUNT,
                CALM,
                "Delete my data",
                "Hi, I'd like to close my account and have my personal data deleted. What do I need to do?");
        open(
                FOOD_DELIVERY,
                ACCOUNT,
                ANGRY,
                "My account was hacked",
                "Someone ordered {amount} of food on my account overnight. I didn't do this! Lock it and refund me now.");
        open(
                FOOD_DELIVERY,
                ACCOUNT,
                ANGRY,
                "Banned for no reason",
                "Why has my account been suspended?! I've been a customer for three years. I want an explanation today.");

        open(
                FOOD_DELIVERY,
                CANCELLATION,
                CALM,
                "Cancel my order",
                "Hi, I just placed order {order} by mistake. Could you cancel it before {restaurant} starts cooking?");
        open(
                FOOD_DELIVERY,
                CANCELLATION,
                CALM,
                "Cancel delivery pass",
                "Hello, please cancel my delivery pass at the end of this month. I'm moving somewhere you don't deliver.");
        open(
                FOOD_DELIVERY,
                CANCELLATION,
                CALM,
                "Cancel scheduled order",
                "Hi, I scheduled an order from {restaurant} for {day} but won't be home. Can it be cancelled?");
        open(
                FOOD_DELIVERY,
                CANCELLATION,
                ANGRY,
                "Cancel it, I've waited long enough",
                "Cancel order {order}. I've waited {minutes} minutes and it hasn't even left {restaurant}. I'm done.");
        open(
                FOOD_DELIVERY,
                CANCELLATION,
                ANGRY,
                "Won't let me cancel",
                "The app won't let me cancel and charged me anyway. I didn't want the food. Refund and cancel, now.");

        // ---------------------------------------------------------------- follow-ups, any business
        follow(CALM, false, "Hi, just checking whether anyone has seen my message above?");
        follow(CALM, false, "Any update on this? Thanks.");
        follow(CALM, false, "Sorry to chase, is there any news?");
        follow(CALM, false, "Just following up on my earlier message, {name}.");
        follow(CALM, false, "No rush, but could someone get back to me today?");
        follow(CALM, false, "Hello again, I'm still hoping for a reply when someone has a moment.");
        follow(ANGRY, false, "Hello?? Still waiting for a reply.");
        follow(ANGRY, false, "This is ridiculous. It's been ages and nobody has answered.");
        follow(ANGRY, false, "I've now waited far too long. Is anyone actually there?");
        follow(ANGRY, false, "If I don't hear back today I'm taking my business elsewhere.");
        follow(ANGRY, false, "Please escalate this to a manager. I need an answer NOW.");
        follow(ANGRY, false, "Still nothing. Terrible service.");
        follow(CALM, true, "Thanks, that helps. I'll give it a try.");
        follow(CALM, true, "Great, thank you for the quick answer!");
        follow(CALM, true, "Perfect, that worked. Thanks again.");
        follow(CALM, true, "Thanks! One more question: will this affect anything else on my account?");
        follow(CALM, true, "Understood, I'll wait to hear from you then.");
        follow(CALM, true, "Lovely, thanks for your help. Have a good day.");
        follow(ANGRY, true, "That doesn't solve anything.");
        follow(ANGRY, true, "I've already tried that. Not helpful.");
        follow(ANGRY, true, "So what exactly are you going to do about it?");
        follow(ANGRY, true, "Fine, but I expect this not to happen again.");
        follow(ANGRY, true, "That's not good enough. I want to speak to a supervisor.");
        follow(ANGRY, true, "You're just reading from a script. Please actually read my message.");
    }

    private Templates() {}
}
