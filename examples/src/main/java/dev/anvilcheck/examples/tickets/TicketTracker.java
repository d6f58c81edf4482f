package dev.anvilcheck.examples.tickets;

import static dev.anvilcheck.server.AnvilServer.call;
import static dev.anvilcheck.server.AnvilServer.context;
import static dev.anvilcheck.server.AnvilServer.cookies;
import static dev.anvilcheck.server.AnvilServer.launchBackgroundTask;
import static dev.anvilcheck.server.AnvilServer.request;
import static dev.anvilcheck.server.AnvilServer.session;
import static dev.anvilcheck.server.AnvilServer.taskState;
import static dev.anvilcheck.server.AnvilServer.unwrapCapability;

import dev.anvilcheck.secrets.Secrets;
import dev.anvilcheck.server.BackgroundTask;
import dev.anvilcheck.server.Callable;
import dev.anvilcheck.server.Capability;
import dev.anvilcheck.server.ClientInfo;
import dev.anvilcheck.server.HttpEndpoint;
import dev.anvilcheck.server.HttpResponse;
import dev.anvilcheck.server.NoServerFunctionError;
import dev.anvilcheck.server.PermissionDenied;
import dev.anvilcheck.server.Task;
import dev.anvilcheck.server.TimeoutError;
import dev.anvilcheck.server.UplinkDisconnectedError;
import dev.anvilcheck.server.VarKeyword;
import dev.anvilcheck.users.Users;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small ticket tracker, as an Anvil app's server module: users open tickets and close their own;
 * agents see every open ticket; whoever holds a ticket's capability may comment on it; the CI
 * system reports builds through an HTTP webhook; a nightly background job sends each reporter a
 * digest through an external notification API; an uplink (a machine-learning box) labels new
 * tickets when it is connected.
 */
public class TicketTracker {
    private final TicketStore store;
    private final Notifier notifier;

    /** A tracker with an empty store, as the JUnit extension creates it for each test. */
    public TicketTracker() {
        this(new TicketStore(), new Notifier());
    }

    /**
     * A tracker over a store and a notifier.
     *
     * @param store the tickets
     * @param notifier the notification service's client
     */
    public TicketTracker(TicketStore store, Notifier notifier) {
        this.store = store;
        this.notifier = notifier;
    }

    /**
     * Opens a ticket reported by the logged-in user. The uplink's {@code classify_ticket} labels it
     * when one is connected. Returns the ticket with {@code edit}, a capability to comment on it.
     *
     * @param title what is wrong
     * @return the ticket
     */
    @Callable(value = "open_ticket", requireUser = true)
    public Map<String, Object> openTicket(String title) {
        ClientInfo client = context().client();
        String from = client.location() != null ? client.location().country() : client.ip();
        Ticket ticket = store.open(title, emailOf(Users.getUser()), classify(title), from);
        session().put("last_opened", ticket.id());
        Map<String, Object> result = ticket.toMap();
        result.put("edit", new Capability(List.of("ticket", ticket.id())));
        return result;
    }

    private static String classify(String title) {
        try {
            return (String) call("classify_ticket", title);
        } catch (NoServerFunctionError | UplinkDisconnectedError noClassifier) {
            return "unclassified";
        }
    }

    /**
     * Closes a ticket: only its reporter or an agent may.
     *
     * @param id the ticket
     * @param resolution how it was resolved
     * @return the closed ticket
     */
    @Callable(value = "close_ticket", requireUser = true)
    public Map<String, Object> closeTicket(long id, String resolution) {
        Object user = Users.getUser();
        Ticket ticket = store.get(id);
        if (!ticket.reporter().equals(emailOf(user)) && !new IsAgent().test(user)) {
            throw new PermissionDenied("Only the reporter or an agent can close ticket #" + id + ": not your ticket");
        }
        return store.update(id, t -> t.closed(resolution)).toMap();
    }

    /**
     * Comments on the ticket a capability grants: holding {@code edit} is the permission, no login
     * needed.
     *
     * @param ticket the ticket's capability
     * @param text the comment
     * @return how many comments the ticket has now
     */
    @Callable("add_comment")
    public int addComment(Capability ticket, String text) {
        long id = ((Number) unwrapCapability(ticket, List.of("ticket", Capability.ANY)).get(1)).longValue();
        Object user = Users.getUser();
        return store.update(id, t -> t.commented((user == null ? "guest" : emailOf(user)) + ": " + text))
                .comments().size();
    }

    /**
     * The logged-in user's tickets; remembers in the session how often they looked.
     *
     * @return the tickets
     */
    @Callable(value = "my_tickets", requireUser = true)
    public List<Map<String, Object>> myTickets() {
        String me = emailOf(Users.getUser());
        long views = session().get("views", 0L) instanceof Long n ? n + 1 : 1;
        session().put("views", views);
        return store.all().stream().filter(t -> t.reporter().equals(me)).map(Ticket::toMap).toList();
    }

    /**
     * How many of the user's tickets are open; the client polls it with {@code call_s}.
     *
     * @return the count
     */
    @Callable(value = "open_count", requireUser = true)
    public long openCount() {
        String me = emailOf(Users.getUser());
        return store.all().stream().filter(t -> t.open() && t.reporter().equals(me)).count();
    }

    /**
     * Every open ticket: for agents only.
     *
     * @return the tickets
     */
    @Callable(value = "open_tickets", requireUserWhere = IsAgent.class)
    public List<Map<String, Object>> openTickets() {
        return store.all().stream().filter(Ticket::open).map(Ticket::toMap).toList();
    }

    /**
     * Stores the user's colour theme in a browser cookie.
     *
     * @param theme e.g. {@code dark}
     */
    @Callable("set_theme")
    public void setTheme(String theme) {
        cookies().local().put("theme", theme);
    }

    /**
     * The colour theme from the browser's cookie.
     *
     * @return the theme, {@code light} by default
     */
    @Callable("theme")
    public Object theme() {
        return cookies().local().get("theme", "light");
    }

    /**
     * A reply to a notification email, added as a comment: the email handler calls it, and only the
     * reporter's own address may comment this way.
     *
     * @param id the ticket
     * @param from the sender's address
     * @param text the reply
     * @return how many comments the ticket has now
     */
    @Callable("comment_by_email")
    public int commentByEmail(long id, String from, String text) {
        if (!"email_server".equals(context().remoteCaller().type())) {
            throw new PermissionDenied("comment_by_email is for the email handler");
        }
        Ticket ticket = store.get(id);
        if (!ticket.reporter().equals(from)) {
            throw new PermissionDenied(from + " did not report ticket #" + id);
        }
        return store.update(id, t -> t.commented(from + " (email): " + text)).comments().size();
    }

    /**
     * The CI system's webhook: {@code POST /_/api/webhooks/ci/<ticket>} with a JSON body
     * {@code {"build": "passed"}} and the shared token (secret {@code webhook_token}) in header
     * {@code X-Webhook-Token}.
     *
     * @param id the ticket, from the path
     * @param params the query and form parameters
     * @return the ticket's comment count, or 401 without the right token
     */
    @HttpEndpoint(value = "/webhooks/ci/:id", methods = {"POST"})
    public Object ciWebhook(String id, @VarKeyword Map<String, Object> params) {
        if (!Secrets.getSecret("webhook_token").equals(request().headers().get("x-webhook-token"))) {
            return new HttpResponse(401, "Unknown webhook token");
        }
        Object body = request().bodyJson();
        Object build = body instanceof Map<?, ?> json ? json.get("build") : null;
        Ticket ticket = store.update(Long.parseLong(id), t -> t.commented("ci: build " + build));
        return Map.of("ticket", ticket.id(), "comments", ticket.comments().size());
    }

    /**
     * Starts the nightly digest now (the scheduler starts it every night).
     *
     * @return the task
     */
    @Callable(value = "run_nightly_now", requireUserWhere = IsAgent.class)
    public Task runNightlyNow() {
        return launchBackgroundTask("nightly_digest");
    }

    /**
     * The nightly job: sends every reporter with open tickets a digest through {@code send_digest}.
     * A digest that fails or times out is counted, and the job goes on.
     *
     * @return how many digests were sent and how many failed
     */
    @BackgroundTask("nightly_digest")
    public Map<String, Object> nightlyDigest() {
        Map<String, Long> open = new TreeMap<>();
        for (Ticket t : store.all()) {
            if (t.open()) {
                open.merge(t.reporter(), 1L, Long::sum);
            }
        }
        long sent = 0;
        long failed = 0;
        for (Map.Entry<String, Long> reporter : open.entrySet()) {
            try {
                call("send_digest", reporter.getKey(), reporter.getValue());
                sent++;
            } catch (TimeoutError | NotificationFailed e) {
                failed++;
            }
            taskState().put("sent", sent);
            taskState().put("failed", failed);
        }
        return Map.of("sent", sent, "failed", failed);
    }

    /**
     * Sends one digest through the notification service; server code only.
     *
     * @param email the recipient
     * @param openCount how many of their tickets are open
     * @return the service's message id
     * @throws IOException if the service cannot be reached
     * @throws InterruptedException if the call is interrupted
     */
    @Callable("send_digest")
    public String sendDigest(String email, long openCount) throws IOException, InterruptedException {
        if (!context().remoteCaller().isTrusted()) {
            throw new PermissionDenied("send_digest is for server code");
        }
        return notifier.send(email, "You have " + openCount + " open ticket" + (openCount == 1 ? "" : "s"));
    }

    private static String emailOf(Object user) {
        return user instanceof Map<?, ?> row ? String.valueOf(row.get("email")) : String.valueOf(user);
    }
}
