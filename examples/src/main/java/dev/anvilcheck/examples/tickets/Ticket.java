package dev.anvilcheck.examples.tickets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ticket of the tracker.
 *
 * @param id the ticket's number
 * @param title what is wrong
 * @param reporter the email of the user who opened it
 * @param label the label the classifier gave it
 * @param openedFrom where it was opened from (country, or IP when the location is unknown)
 * @param open whether it is still open
 * @param comments its comments, oldest first
 */
public record Ticket(long id, String title, String reporter, String label, String openedFrom, boolean open,
        List<String> comments) {
    /** Copies the comments. */
    public Ticket {
        comments = List.copyOf(comments);
    }

    Ticket closed(String resolution) {
        return new Ticket(id, title, reporter, label, openedFrom, false, append("closed: " + resolution));
    }

    Ticket commented(String comment) {
        return new Ticket(id, title, reporter, label, openedFrom, open, append(comment));
    }

    private List<String> append(String comment) {
        List<String> next = new java.util.ArrayList<>(comments);
        next.add(comment);
        return next;
    }

    /**
     * The ticket as it crosses to a client: a dictionary of its fields.
     *
     * @return the fields
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id);
        map.put("title", title);
        map.put("reporter", reporter);
        map.put("label", label);
        map.put("opened_from", openedFrom);
        map.put("open", open);
        map.put("comments", comments);
        return map;
    }
}
