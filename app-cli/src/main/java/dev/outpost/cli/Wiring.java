package dev.outpost.cli;

import dev.outpost.cli.runtime.Backend;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.GlobalOptions;
import dev.outpost.cli.runtime.Output;
import dev.outpost.ports.platform.PlatformPlugin;
import dev.outpost.ports.storage.StoragePlugin;
import jakarta.inject.Inject;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The command line's object graph, by hand: one run's few shared objects (the environment, the global flags, the
 * output, the backend that opens the core, the error handler, the plugins found by {@code Main}), and the commands,
 * which picocli asks for and which get them through their {@link Inject} constructor. Guice did this before; with
 * Guava under it, it was some 600 classes and a fifth of a short command's start, for a graph this small.
 *
 * <p>Picocli makes its own types (and classes without an injectable constructor, such as option groups) itself.
 */
public final class Wiring implements CommandLine.IFactory {
    private final Map<Class<?>, Object> shared = new LinkedHashMap<>();
    private final Map<String, PlatformPlugin> platforms;
    private final Map<String, StoragePlugin> storages;

    /**
     * @param platforms the platform plugins found, by id, in the class path's order (the core lists them in it)
     * @param storages the storage plugins found, by id
     */
    public Wiring(Environment environment, Map<String, PlatformPlugin> platforms,
            Map<String, StoragePlugin> storages) {
        this.platforms = Collections.unmodifiableMap(new LinkedHashMap<>(platforms));
        this.storages = Collections.unmodifiableMap(new LinkedHashMap<>(storages));
        GlobalOptions options = new GlobalOptions();
        Output output = new Output(environment, options);
        shared.put(Environment.class, environment);
        shared.put(Clock.class, environment.clock());
        shared.put(GlobalOptions.class, options);
        shared.put(Output.class, output);
        shared.put(Backend.class, new Backend(environment, options, this.platforms, this.storages, output));
        shared.put(ErrorHandler.class, new ErrorHandler(output, options, environment));
    }

    /** One of the shared objects, or a new instance of a class with an {@link Inject} constructor. */
    public <T> T get(Class<T> type) {
        Object one = shared.get(type);
        if (one != null) {
            return type.cast(one);
        }
        Constructor<T> constructor = injectable(type);
        if (constructor == null) {
            throw new IllegalArgumentException(type.getName() + " has no @Inject constructor");
        }
        return construct(constructor);
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (shared.containsKey(type)) {
            return type.cast(shared.get(type));
        }
        Constructor<K> constructor = type.getName().startsWith("dev.outpost.") ? injectable(type) : null;
        return constructor != null ? construct(constructor) : CommandLine.defaultFactory().create(type);
    }

    @SuppressWarnings("unchecked")
    private static <T> Constructor<T> injectable(Class<T> type) {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.isAnnotationPresent(Inject.class)) {
                return (Constructor<T>) constructor;
            }
        }
        return null;
    }

    private <T> T construct(Constructor<T> constructor) {
        Type[] parameters = constructor.getGenericParameterTypes();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            arguments[i] = argument(parameters[i], constructor);
        }
        try {
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot make " + constructor.getDeclaringClass().getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make " + constructor.getDeclaringClass().getName(), e);
        }
    }

    private Object argument(Type parameter, Constructor<?> of) {
        if (parameter instanceof ParameterizedType generic && generic.getRawType() == Map.class) {
            Type values = generic.getActualTypeArguments()[1];
            if (values == PlatformPlugin.class) {
                return platforms;
            }
            if (values == StoragePlugin.class) {
                return storages;
            }
        } else if (parameter instanceof Class<?> type) {
            Object one = shared.get(type);
            if (one != null) {
                return one;
            }
            if (injectable(type) != null) {
                return get(type);
            }
        }
        throw new IllegalStateException(of.getDeclaringClass().getName() + " asks for " + parameter
                + ", which the command line does not make");
    }
}
