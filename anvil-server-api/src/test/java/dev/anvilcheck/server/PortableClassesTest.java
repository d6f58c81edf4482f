package dev.anvilcheck.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.anvilcheck.python.RuntimeError;
import dev.anvilcheck.python.TypeError;
import dev.anvilcheck.python.ValueError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PortableClassesTest {

    @PortableClass
    static final class ByDefault {
        int n;
    }

    @PortableClass("app.models.Named")
    static final class Named {
        int n;
    }

    static final class Plain {
        int n;
    }

    /** Registered process-wide by one test only. */
    static final class GlobalOnly {
        int n;
    }

    static class Parent {
        int a;
    }

    static final class Shadowing extends Parent {
        int a;
    }

    static final class ListLike extends ArrayList<Object> {
        private static final long serialVersionUID = 1L;
    }

    enum Colour { RED }

    interface Shape {}

    final class Inner {}

    @PortableClass
    static class Basket {
        long total;

        @ServerMethod
        long addUp(long extra) {
            return total + extra;
        }

        @ServerMethod
        static String kind(Class<?> cls) {
            return cls.getSimpleName();
        }

        long local() {
            return total;
        }
    }

    @PortableClass
    static final class BigBasket extends Basket {}

    static final class NotPortable {
        @ServerMethod
        void run() {}
    }

    static final class BadStatic {
        @ServerMethod
        static void run(String notAClass) {}
    }

    static final class Overloaded {
        @ServerMethod
        void run() {}

        @ServerMethod
        void run(long n) {}
    }

    static final class BadHook {
        static Object serialize(SerializationInfo info) {
            return null;
        }
    }

    static final class VoidHook {
        void serialize(SerializationInfo info) {}
    }

    @Test
    @DisplayName("[PORT-01] the default name is the binary class name, or the annotation's name")
    void port01_defaultNames() {
        assertThat(PortableClasses.defaultName(ByDefault.class))
                .isEqualTo("dev.anvilcheck.server.PortableClassesTest$ByDefault");
        assertThat(PortableClasses.defaultName(Named.class)).isEqualTo("app.models.Named");
        assertThat(PortableClasses.global().nameOf(ByDefault.class)).isEqualTo(ByDefault.class.getName());
        assertThat(PortableClasses.global().nameOf(Named.class)).isEqualTo("app.models.Named");
        assertThat(PortableClasses.global().nameOf(Plain.class)).isNull();
    }

    @Test
    @DisplayName("[PORT-01] registration returns the class; a null name is a TypeError, an empty one a ValueError")
    void port01_registration() {
        PortableClasses env = PortableClasses.inheriting(PortableClasses.global());

        assertThat(env.register(Plain.class, "x.Plain")).isSameAs(Plain.class);
        assertThat(env.nameOf(Plain.class)).isEqualTo("x.Plain");
        assertThat(env.classNamed("x.Plain")).isSameAs(Plain.class);
        assertThatThrownBy(() -> env.register(Plain.class, null)).isExactlyInstanceOf(TypeError.class);
        assertThatThrownBy(() -> env.register(Plain.class, "")).isExactlyInstanceOf(ValueError.class);
        assertThat(AnvilServer.registerPortableClass(GlobalOnly.class, "dev.anvilcheck.test.GlobalOnly"))
                .isSameAs(GlobalOnly.class);
        assertThat(PortableClasses.global().classNamed("dev.anvilcheck.test.GlobalOnly")).isSameAs(GlobalOnly.class);
        assertThat(PortableClasses.global().nameOf(GlobalOnly.class)).isEqualTo("dev.anvilcheck.test.GlobalOnly");
    }

    @Test
    @DisplayName("[PORT-02] an environment knows its parent's classes; the parent does not know its own")
    void port02_environmentsInherit() {
        PortableClasses server = PortableClasses.inheriting(PortableClasses.global());
        PortableClasses client = PortableClasses.inheriting(server);
        client.register(Plain.class, "client.Plain");
        server.register(Parent.class, "server.Parent");

        assertThat(client.classNamed("server.Parent")).isSameAs(Parent.class);
        assertThat(server.classNamed("client.Plain")).isNull();
        assertThat(server.nameOf(Plain.class)).isNull();
    }

    @Test
    @DisplayName("[PORT-08] an annotated class is found by its binary name; a custom name only once registered")
    void port08_lookupByName() {
        PortableClasses env = PortableClasses.inheriting(PortableClasses.global());

        assertThat(env.classNamed(ByDefault.class.getName())).isSameAs(ByDefault.class);
        assertThat(env.classNamed(Plain.class.getName())).isNull();
        assertThat(env.classNamed("no.such.Thing")).isNull();
    }

    @Test
    @DisplayName("[PORT-01] classes that cannot be portable are refused with TypeError, saying why")
    void port01_unportableClassesAreRefused() {
        PortableClasses env = PortableClasses.inheriting(PortableClasses.global());
        class Local {}
        Object anonymous = new Object() {};

        for (Class<?> type : List.of(Shape.class, Colour.class, Inner.class, Local.class, anonymous.getClass(),
                String.class, ListLike.class, int[].class, Shadowing.class, BadHook.class, VoidHook.class)) {
            assertThatThrownBy(() -> env.register(type)).as(type.getName()).isExactlyInstanceOf(TypeError.class)
                    .hasMessageStartingWith("Cannot register " + type.getName() + " as a portable class: ");
        }
        assertThatThrownBy(() -> env.register(Shadowing.class)).hasMessageContaining("two of its fields are named 'a'");
    }

    @Test
    @DisplayName("[PORT-10] a server method's function is anvil.server_side/<name of its declaring class>.<method>")
    void port10_serverMethodNames() {
        PortableClasses env = PortableClasses.global();
        String basket = Basket.class.getName();

        assertThat(env.serverMethodName(Basket.class, "addUp")).isEqualTo("anvil.server_side/" + basket + ".addUp");
        assertThat(env.serverMethodName(BigBasket.class, "addUp")).isEqualTo("anvil.server_side/" + basket + ".addUp");
        assertThat(env.serverMethodName(Basket.class, "kind")).isEqualTo("anvil.server_side/" + basket + ".kind");
        assertThat(PortableClasses.serverMethods(Basket.class)).extracting(m -> m.getName())
                .containsExactly("addUp", "kind");
        assertThat(PortableClasses.serverMethods(BigBasket.class)).isEmpty();
    }

    @Test
    @DisplayName("[PORT-11] a server method outside a portable class, or a plain method, raises RuntimeError")
    void port11_misuseRaisesRuntimeError() {
        PortableClasses env = PortableClasses.global();

        assertThatThrownBy(() -> env.serverMethodName(NotPortable.class, "run"))
                .isExactlyInstanceOf(RuntimeError.class).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be used on a method of a portable class");
        assertThatThrownBy(() -> env.serverMethodName(Basket.class, "local")).isExactlyInstanceOf(RuntimeError.class);
        assertThatThrownBy(() -> env.serverMethodName(Basket.class, "missing")).isExactlyInstanceOf(RuntimeError.class);
        assertThatThrownBy(() -> PortableClasses.serverMethods(BadStatic.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Class<?> cls");
        assertThatThrownBy(() -> PortableClasses.serverMethods(Overloaded.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overloaded");
    }

    @Test
    @DisplayName("[PORT-05] shared data: one transmitted and one local map per key; transmitted closes for sending")
    void port05_sharedDataKeys() {
        PortableClasses env = PortableClasses.global();
        SerializationInfo info = SerializationInfo.forSending(env, true, false);
        info.defaultKey("cls.Name");

        info.sharedData().transmitted().put("a", 1L);
        info.sharedData("k").transmitted().put("b", 2L);
        info.sharedData(Named.class).transmitted().put("c", 3L);
        info.sharedData(Plain.class).local().put("d", 4L);

        assertThat(info.sharedData().transmitted()).isEqualTo(Map.of("a", 1L));
        assertThat(info.localIsTrusted()).isTrue();
        assertThat(info.remoteIsTrusted()).isFalse();
        Map<String, Object> sent = info.closeTransmittedData();
        assertThat(sent).containsOnlyKeys("cls.Name", ":k", "app.models.Named");
        assertThat(info.sharedData().transmitted()).isNull();
        assertThat(info.sharedData(Plain.class).local()).isEqualTo(Map.of("d", 4L));

        SerializationInfo received = SerializationInfo.forReceiving(env, false, true);
        assertThat(received.sharedData("k").transmitted()).isNull();
        received.openTransmittedData(sent);
        assertThat(received.sharedData("k").transmitted()).isEqualTo(Map.of("b", 2L));
    }
}
