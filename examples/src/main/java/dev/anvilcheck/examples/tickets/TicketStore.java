package dev.anvilcheck.examples.tickets;

import dev.anvilcheck.python.ValueError;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** Where the tracker keeps its tickets; in a real app, a Data Table. Thread-safe. */
public final class TicketStore {
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Ticket> tickets = new ConcurrentHashMap<>();

    Ticket open(String title, String reporter, String label, String openedFrom) {
        long id = ids.incrementAndGet();
        Ticket ticket = new Ticket(id, title, reporter, label, openedFrom, true, List.of());
        tickets.put(id, ticket);
        return ticket;
    }

    Ticket get(long id) {
        Ticket ticket = tickets.get(id);
        if (ticket == null) {
            throw new ValueError("No ticket #" + id);
        }
        return ticket;
    }

    Ticket update(long id, UnaryOperator<Ticket> change) {
        get(id);
        return tickets.computeIfPresent(id, (k, t) -> change.apply(t));
    }

    List<Ticket> all() {
        return tickets.values().stream().sorted(Comparator.comparingLong(Ticket::id)).toList();
    }
}
