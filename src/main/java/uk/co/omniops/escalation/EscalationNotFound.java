package uk.co.omniops.escalation;

/** No such escalation for this customer (also when it belongs to another customer). */
public class EscalationNotFound extends RuntimeException {

    public EscalationNotFound(EscalationId id) {
        super("escalation " + id + " not found");
    }
}
