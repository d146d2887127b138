package dev.outpost.cli.command;

import dev.outpost.application.OutpostException;
import dev.outpost.cli.runtime.Environment;
import dev.outpost.cli.runtime.Output;
import dev.outpost.ports.platform.SignInField;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The values of the fields a platform's plugin asks for at sign-in (or credential import), as the command line takes
 * them without knowing the platform: {@code --<key> VALUE} or {@code --<key>=VALUE} for each declared key, or
 * {@code --field KEY=VALUE}. {@code -} as a value reads one line of standard input (in the order the fields are
 * declared), keeping a secret out of the shell's history. A field not given comes from its environment variable, and a
 * required one still missing is asked for on the terminal (a secret without echo).
 */
final class SignInValues {
    private final Environment environment;
    private final Output output;
    private BufferedReader stdin;

    SignInValues(Environment environment, Output output) {
        this.environment = environment;
        this.output = output;
    }

    /**
     * What the command line gave, by key, before checking it against any field.
     *
     * @param unmatched the arguments the command did not know, in order ({@code --key value}, {@code --key=value})
     * @param fieldOptions the {@code --field KEY=VALUE} options
     * @throws OutpostException INVALID_INPUT for an argument that is no field, a field without a value, or a field
     *     given twice
     */
    static Map<String, String> given(List<String> unmatched, Map<String, String> fieldOptions) {
        Map<String, String> given = new LinkedHashMap<>();
        List<String> args = unmatched == null ? List.of() : unmatched;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw OutpostException.invalid(arg, "'" + arg + "' is neither an option nor a field of this command;"
                        + " give fields as --KEY VALUE");
            }
            String key;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                key = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                key = arg.substring(2);
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw OutpostException.invalid(arg, "a value is missing after " + arg);
                }
                value = args.get(++i);
            }
            put(given, key, value);
        }
        if (fieldOptions != null) {
            fieldOptions.forEach((key, value) -> put(given, key, value));
        }
        return given;
    }

    private static void put(Map<String, String> given, String key, String value) {
        if (given.putIfAbsent(key, value) != null) {
            throw OutpostException.invalid("--" + key, "--" + key + " is given twice");
        }
    }

    /**
     * Resolves {@code fields} from what was given, the environment and the terminal.
     *
     * @param what the method's description for messages ("Example's sign-in 'oauth'")
     * @return the values by key, stripped, in the fields' order; absent for an optional field nobody gave
     * @throws OutpostException INVALID_INPUT naming the option for a key that is not a field, standard input that ended
     *     early, or a required field nobody gave
     */
    Map<String, String> resolve(String what, List<SignInField> fields, Map<String, String> given) {
        Map<String, SignInField> byKey = fields.stream().collect(Collectors.toMap(SignInField::key, f -> f,
                (a, b) -> a, LinkedHashMap::new));
        for (String key : given.keySet()) {
            if (!byKey.containsKey(key)) {
                throw OutpostException.invalid("--" + key, what + " takes no field '" + key + "'; "
                        + (fields.isEmpty() ? "it takes none" : "it takes " + options(fields)));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (SignInField field : fields) {
            String value = given.get(field.key());
            if ("-".equals(value)) {
                value = line(field);
            } else if (value != null && field.secret() && environment.interactive()) {
                output.note("(The " + field.label() + " given on the command line stays in the shell's history;"
                        + " next time give - to read it from standard input"
                        + (field.environmentVariable() == null ? "" : ", or set " + field.environmentVariable())
                        + ".)");
            }
            if (value == null && field.environmentVariable() != null) {
                value = environment.variables().get(field.environmentVariable());
            }
            if (blank(value) && field.required()) {
                value = environment.terminal().ask(field.label(), field.secret()).orElse(null);
            }
            if (!blank(value)) {
                values.put(field.key(), value.strip());
            } else if (field.required()) {
                throw OutpostException.invalid("--" + field.key(), field.label() + " is required: give --"
                        + field.key() + " VALUE (- reads it from standard input)"
                        + (field.environmentVariable() == null ? "" : " or set " + field.environmentVariable()));
            }
        }
        return values;
    }

    /** The fields as options, for messages and listings: {@code --server URL, --app-password SECRET}. */
    static String options(List<SignInField> fields) {
        return fields.stream().map(f -> "--" + f.key()).collect(Collectors.joining(", "));
    }

    /** A field as its listing shows it: {@code --app-password SECRET  App password (required) [ENV]}. */
    static String describe(SignInField field) {
        return "--" + field.key() + " " + (field.secret() ? "SECRET" : "VALUE") + "  " + field.label()
                + (field.required() ? " (required)" : "") + (field.help().isEmpty() ? "" : ": " + field.help())
                + (field.environmentVariable() == null ? "" : " [" + field.environmentVariable() + "]");
    }

    /** A field as {@code --json} lists it. */
    static Map<String, Object> view(SignInField field) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("key", field.key());
        view.put("label", field.label());
        view.put("help", field.help());
        view.put("secret", field.secret());
        view.put("required", field.required());
        view.put("environmentVariable", field.environmentVariable());
        return view;
    }

    private String line(SignInField field) {
        try {
            if (stdin == null) {
                stdin = new BufferedReader(new InputStreamReader(environment.in(), StandardCharsets.UTF_8));
            }
            return Optional.ofNullable(stdin.readLine()).orElseThrow(() -> OutpostException.invalid("--"
                    + field.key(), "standard input ended before the " + field.label()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input", e);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
