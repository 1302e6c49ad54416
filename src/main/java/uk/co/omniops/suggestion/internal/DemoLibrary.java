package uk.co.omniops.suggestion.internal;

import java.util.List;
import java.util.Map;

/**
 * The demo customers' reply libraries and knowledge snippets (dev and test, with demo data on). Written from the
 * customers' point of view; the ranking test's messages were written separately and are not in here.
 */
final class DemoLibrary {

    record Entry(String title, String body, List<String> categories) {}

    private DemoLibrary() {}

    static Entry e(String title, String body, String... categories) {
        return new Entry(title, body, List.of(categories));
    }

    static final Map<String, List<Entry>> LIBRARY = Map.of(
            "techsupport-co",
                    List.of(
                            e("Duplicate charge on the invoice", """
                            Hi {{contact.first_name}}, I'm sorry about the double charge. I can see two payments on your account; \
                            the duplicate is being reversed today and should appear back on your card statement within 3–5 working days. \
                            You'll get a corrected invoice by email. — {{agent.name}}, {{customer.name}}""", "billing", "refund"),
                            e("Invoice copy and VAT details", """
                            Hi {{contact.first_name}}, you can download every invoice (with VAT number and billing address) under \
                            Account → Billing → Invoices. I've also emailed a copy of the latest one to {{contact.email}}. \
                            If the company details need changing, reply with the new ones and I'll reissue it.""", "billing"),
                            e("Refund for an annual plan", """
                            Hi {{contact.first_name}}, annual plans can be refunded pro rata within 30 days of renewal. I've started \
                            the refund for the unused months; it reaches the original payment method within 5–10 working days.""", "refund", "cancellation"),
                            e("Cancel subscription", """
                            Hi {{contact.first_name}}, I'm sorry to see you go. I've scheduled the cancellation of your subscription: \
                            it stays active until the end of the current billing period and won't renew. Your data remains exportable \
                            for 30 days afterwards. Is there anything we could have done better?""", "cancellation"),
                            e("Password reset and locked account", """
                            Hi {{contact.first_name}}, after five failed sign-ins the account locks for 15 minutes. I've unlocked it now. \
                            Please use "Forgot password" on the sign-in page; the reset link is valid for one hour. If the email \
                            doesn't arrive, check your spam folder for a message from no-reply@techsupport.example.""", "account", "technical"),
                            e("Two-factor authentication lost phone", """
                            Hi {{contact.first_name}}, if you lost the phone with your authenticator app you can sign in with one of \
                            your backup codes. If you don't have them, I need to verify your identity first: please confirm the \
                            billing postcode and the last four digits of the card on file.""", "account"),
                            e("App crashes after update", """
                            Hi {{contact.first_name}}, thanks for reporting the crash. Version 4.2.1 fixes a start-up crash on some \
                            devices; please update from the app store, then restart the device. If it still crashes, send me the \
                            device model and OS version and I'll open a ticket with our engineers.""", "technical", "product"),
                            e("Wi-Fi and connection troubleshooting", """
                            Hi {{contact.first_name}}, let's get you connected again: 1) restart the router and the device, \
                            2) forget the network and join it again, 3) make sure the firmware is up to date. If the connection \
                            still drops, tell me the error code shown and the router model.""", "technical"),
                            e("Hardware order status", """
                            Hi {{contact.first_name}}, your order {{order.number}} has been dispatched and the tracking link was sent \
                            to {{contact.email}}. Delivery usually takes 2–3 working days.""", "order", "delivery"),
                            e("Delivery delayed", """
                            Hi {{contact.first_name}}, I'm sorry your delivery is late. The courier reports a delay at the depot for \
                            order {{order.number}}; the new estimate is within 2 working days. I'll keep an eye on it and update you.""", "delivery", "complaint"),
                            e("Plan features and compatibility", """
                            Hi {{contact.first_name}}, the Business plan includes remote support for up to 25 devices, priority \
                            tickets and the admin console; it is compatible with Windows 10+, macOS 12+, iOS and Android. \
                            Happy to send the full feature comparison.""", "product"),
                            e("Apology for poor experience", """
                            Hi {{contact.first_name}}, I'm really sorry — this isn't the experience we want you to have. I've \
                            escalated your case to our support lead and I'll personally follow up until it's resolved. \
                            As an apology I've added a month's credit to your account.""", "complaint"),
                            e("Thanks for the kind words", """
                            Thank you so much, {{contact.first_name}}! I'll pass your kind words on to the team. \
                            If there's anything else we can help with, just reply here.""", "praise"),
                            e("Transfer to a human specialist", """
                            Hi {{contact.first_name}}, of course — I'm {{agent.name}}, a member of the support team, and I'll stay with \
                            you on this. If you'd prefer a call, tell me a good time and number and a specialist will phone you.""", "human_agent")),
            "thompson-engineering",
                    List.of(
                            e("Pro-forma invoice and payment terms", """
                            Hello {{contact.first_name}}, our standard terms are 30 days net from invoice for approved accounts. \
                            I've attached the pro-forma invoice for order {{order.number}}; the PO number will appear on the final \
                            invoice if you send it to us before dispatch.""", "billing"),
                            e("Invoice query or credit note", """
                            Hello {{contact.first_name}}, thank you for flagging the invoice discrepancy. I've asked accounts to \
                            check it against the delivery note; if we overcharged you, a credit note will be issued within 2 working days.""", "billing", "refund"),
                            e("Return and refund for unused parts", """
                            Hello {{contact.first_name}}, unused parts in original packaging can be returned within 30 days. \
                            I've raised a returns authorisation (RMA) for order {{order.number}}; once the goods are inspected the refund \
                            is processed within 5 working days.""", "refund", "order"),
                            e("Dispatch and lead time", """
                            Hello {{contact.first_name}}, stock items ship the same day if ordered before 2 pm. Order {{order.number}} \
                            is scheduled for dispatch and you'll receive the carrier tracking number by email.""", "delivery", "order"),
                            e("Freight delivery delayed", """
                            Hello {{contact.first_name}}, apologies for the delay. The pallet for order {{order.number}} missed its \
                            freight slot; the haulier has rebooked it and it will arrive within 2 working days. I'll confirm the \
                            delivery window as soon as I have it.""", "delivery", "complaint"),
                            e("Amend an order before dispatch", """
                            Hello {{contact.first_name}}, order {{order.number}} hasn't been picked yet, so I can still amend the \
                            quantities or the delivery address. Please confirm the changes and I'll send an updated order confirmation.""", "order"),
                            e("Wrong or missing part received", """
                            Hello {{contact.first_name}}, sorry that the wrong part arrived. I'm sending the correct item on next-day \
                            delivery today; the courier will collect the incorrect one at the same time, at no cost to you.""", "order", "complaint"),
                            e("Trade account and portal access", """
                            Hello {{contact.first_name}}, I've reset your trade portal access: a link to set a new password has \
                            been sent to {{contact.email}}. From the portal you can see your price list, open orders and invoices.""", "account"),
                            e("Cancel order or blanket contract", """
                            Hello {{contact.first_name}}, I can cancel order {{order.number}} without charge as it hasn't shipped. \
                            For custom-machined parts already in production a cancellation fee may apply; I'll confirm the amount.""", "cancellation", "order"),
                            e("Technical datasheet and specification", """
                            Hello {{contact.first_name}}, I've attached the technical datasheet with dimensions, tolerances, material \
                            grade and torque ratings. Our applications engineer can confirm compatibility with your assembly if you \
                            send the drawing or part number you're replacing.""", "product", "technical"),
                            e("Installation or fault support", """
                            Hello {{contact.first_name}}, sorry to hear the unit isn't performing. Please check the supply voltage \
                            and that the mounting bolts are torqued to spec. If the fault persists, send photos and the serial number \
                            and our service engineer will diagnose it; faulty parts are covered by the 12-month warranty.""", "technical", "product"),
                            e("Stock availability", """
                            Hello {{contact.first_name}}, we currently have that part in stock at our Sheffield warehouse, with \
                            more due in the next 2 weeks. I can reserve the quantity you need for 5 days.""", "product", "order"),
                            e("Thank you for your business", """
                            Thank you, {{contact.first_name}} — much appreciated. I'll share your feedback with the workshop team. \
                            We look forward to working with you on the next project.""", "praise"),
                            e("Put you in touch with an engineer", """
                            Hello {{contact.first_name}}, of course. I'm {{agent.name}} from Thompson Engineering; I'll arrange for one \
                            of our engineers to call you today. Please let me know the best number and time to reach you.""", "human_agent")),
            "fooddelivery-inc",
                    List.of(
                            e("Order running late", """
                            Hi {{contact.first_name}}, sorry your food is taking longer than expected! Your driver is on the way and \
                            order {{order.number}} should be with you in about 15 minutes. You can follow the driver live in the app.""", "delivery", "order"),
                            e("Order never arrived", """
                            Hi {{contact.first_name}}, I'm so sorry your order {{order.number}} didn't arrive. I've issued a full \
                            refund to your original payment method (3–5 working days) and added a voucher to your account for next time.""", "delivery", "refund", "complaint"),
                            e("Missing or wrong items", """
                            Hi {{contact.first_name}}, sorry that items were missing or wrong in order {{order.number}}. I've \
                            refunded those items to your payment method; you'll see it within 3–5 working days. I've also let the \
                            restaurant know.""", "order", "refund", "complaint"),
                            e("Cold or poor quality food", """
                            Hi {{contact.first_name}}, I'm really sorry your meal arrived cold. That's not good enough. I've added \
                            account credit for the order and passed your feedback to the restaurant and our driver team.""", "complaint", "refund"),
                            e("Refund status", """
                            Hi {{contact.first_name}}, your refund was processed on our side; banks usually take 3–5 working days to \
                            show it on your statement. If it hasn't appeared after that, reply here and I'll chase it.""", "refund", "billing"),
                            e("Charged twice or unexpected charge", """
                            Hi {{contact.first_name}}, the second charge you see is a temporary card authorisation, not a payment; \
                            your bank releases it automatically within a few days. Only the final amount for order {{order.number}} is taken.""", "billing"),
                            e("Change delivery address", """
                            Hi {{contact.first_name}}, as the restaurant has already started preparing order {{order.number}} we can't \
                            change the address, but I can add delivery instructions for the driver. What should I tell them?""", "order", "delivery"),
                            e("Cancel an order", """
                            Hi {{contact.first_name}}, orders can be cancelled free of charge until the restaurant accepts them. I've \
                            cancelled order {{order.number}} and the payment will be released to your card.""", "cancellation", "order"),
                            e("Account sign-in problems", """
                            Hi {{contact.first_name}}, let's get you back in. Tap "Forgot password" in the app and we'll email a \
                            reset link to {{contact.email}}. If you signed up with Apple or Google, use that button instead.""", "account"),
                            e("App not working", """
                            Hi {{contact.first_name}}, sorry the app is playing up. Please update to the latest version, then close \
                            and reopen it; if checkout still shows an error, try switching between Wi-Fi and mobile data.""", "technical"),
                            e("Allergens and ingredients", """
                            Hi {{contact.first_name}}, each restaurant lists allergens and ingredients on its menu page (tap the dish, \
                            then "Allergens"). If you have a severe allergy, please also add a note to the order so the restaurant can check.""", "product"),
                            e("Cancel FoodPass membership", """
                            Hi {{contact.first_name}}, I've cancelled your FoodPass membership. You keep free delivery until the end \
                            of the current month and won't be charged again.""", "cancellation", "billing"),
                            e("Thanks for the feedback", """
                            Thanks so much, {{contact.first_name}}! We'll pass your compliments on to the restaurant and your driver. \
                            Enjoy your meal!""", "praise"),
                            e("Speak to a person", """
                            Hi {{contact.first_name}}, you're talking to a real person — I'm {{agent.name}} from the FoodDelivery \
                            support team and I'll sort this out with you right now.""", "human_agent")));

    static final Map<String, List<Entry>> KNOWLEDGE = Map.of(
            "techsupport-co",
                    List.of(
                            e(
                                    "Refund policy",
                                    "Monthly plans are not refunded for partial months. Annual plans can be refunded pro rata within 30 days of renewal. Refunds reach the original payment method within 5–10 working days.",
                                    "refund",
                                    "billing"),
                            e(
                                    "Resetting a password",
                                    "Use Forgot password on the sign-in page. The link is valid for one hour. Accounts lock for 15 minutes after five failed attempts.",
                                    "account"),
                            e(
                                    "Supported devices",
                                    "The agent software runs on Windows 10 and later, macOS 12 and later, iOS 16+ and Android 11+. Linux is supported for the command-line agent only.",
                                    "product",
                                    "technical"),
                            e(
                                    "Error code E-401",
                                    "Error E-401 means the device token expired. Sign out of the app, sign in again and the device re-registers automatically.",
                                    "technical"),
                            e(
                                    "Hardware shipping times",
                                    "Hardware orders ship from our Dublin warehouse within one working day; delivery takes 2–3 working days in the EU.",
                                    "delivery",
                                    "order")),
            "thompson-engineering",
                    List.of(
                            e(
                                    "Returns and RMA",
                                    "Unused parts in original packaging may be returned within 30 days with a returns authorisation (RMA) number. Custom-machined parts cannot be returned.",
                                    "refund",
                                    "order"),
                            e(
                                    "Warranty",
                                    "All manufactured parts carry a 12-month warranty against manufacturing defects from the date of delivery.",
                                    "product",
                                    "technical"),
                            e(
                                    "Lead times",
                                    "Stock items ship the same day if ordered before 2 pm; machined parts take 10–15 working days; pallets go by freight in 2–3 days.",
                                    "delivery",
                                    "order"),
                            e(
                                    "Payment terms",
                                    "Approved trade accounts pay 30 days net from invoice. New customers pay pro-forma before dispatch.",
                                    "billing"),
                            e(
                                    "Torque specifications",
                                    "Flange bolts M12 grade 8.8: 80 Nm; M16: 195 Nm. Always torque in a star pattern in two passes.",
                                    "technical",
                                    "product")),
            "fooddelivery-inc",
                    List.of(
                            e(
                                    "Late orders",
                                    "If an order is more than 30 minutes later than the estimate, customers get a delivery-fee refund automatically.",
                                    "delivery",
                                    "refund"),
                            e(
                                    "Refund timing",
                                    "Refunds go back to the original payment method; banks show them within 3–5 working days. Account credit is instant.",
                                    "refund",
                                    "billing"),
                            e(
                                    "Card authorisations",
                                    "A temporary authorisation is placed when ordering and released by the bank within 7 days; only the final amount is charged.",
                                    "billing"),
                            e(
                                    "FoodPass",
                                    "FoodPass gives free delivery on orders over 15 for a monthly fee; cancel any time in Account → FoodPass.",
                                    "cancellation",
                                    "product"),
                            e(
                                    "Allergen information",
                                    "Restaurants list the 14 major allergens per dish. Add a note for severe allergies; drivers cannot check food contents.",
                                    "product")));
}
