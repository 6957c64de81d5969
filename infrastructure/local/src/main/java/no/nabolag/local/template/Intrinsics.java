package no.nabolag.local.template;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions in a template value, given how the local stack resolves
 * {@code Ref} (logical id or parameter or pseudo parameter) and {@code Fn::GetAtt} (logical id, attribute).
 * Enough of CloudFormation for the values our functions read: Ref, GetAtt, Sub, Join, Select, Split, If and the
 * condition functions, FindInMap, Base64. Anything else is left as it is.
 */
public final class Intrinsics {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final TemplateModel template;
    private final Function<String, String> ref;
    private final BiFunction<String, String, String> getAtt;

    public Intrinsics(TemplateModel template, Function<String, String> ref, BiFunction<String, String, String> getAtt) {
        this.template = template;
        this.ref = ref;
        this.getAtt = getAtt;
    }

    /** Resolves a value to its string form (numbers and booleans as written). */
    public String string(Object value) {
        Object resolved = resolve(value);
        return resolved == null ? null : String.valueOf(resolved);
    }

    public Object resolve(Object value) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(resolve(item)));
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            return value;
        }
        if (map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            String key = String.valueOf(entry.getKey());
            Object arg = entry.getValue();
            switch (key) {
                case "Ref":
                    return ref.apply(String.valueOf(arg));
                case "Fn::GetAtt": {
                    List<Object> parts = TemplateModel.list(arg);
                    return getAtt.apply(String.valueOf(parts.get(0)), parts.size() > 1 ? string(parts.get(1)) : "");
                }
                case "Fn::Sub":
                    return sub(arg);
                case "Fn::Join": {
                    List<Object> args = TemplateModel.list(arg);
                    List<String> parts = new ArrayList<>();
                    TemplateModel.list(resolve(args.get(1))).forEach(p -> parts.add(String.valueOf(p)));
                    return String.join(String.valueOf(args.get(0)), parts);
                }
                case "Fn::Select": {
                    List<Object> args = TemplateModel.list(arg);
                    int index = Integer.parseInt(string(args.get(0)));
                    return TemplateModel.list(resolve(args.get(1))).get(index);
                }
                case "Fn::Split": {
                    List<Object> args = TemplateModel.list(arg);
                    return List.of(string(args.get(1)).split(Pattern.quote(String.valueOf(args.get(0))), -1));
                }
                case "Fn::If": {
                    List<Object> args = TemplateModel.list(arg);
                    return condition(String.valueOf(args.get(0))) ? resolve(args.get(1)) : resolve(args.get(2));
                }
                case "Fn::Equals": {
                    List<Object> args = TemplateModel.list(arg);
                    return String.valueOf(resolve(args.get(0))).equals(String.valueOf(resolve(args.get(1))));
                }
                case "Fn::Not":
                    return !truth(TemplateModel.list(arg).get(0));
                case "Fn::And":
                    return TemplateModel.list(arg).stream().allMatch(this::truth);
                case "Fn::Or":
                    return TemplateModel.list(arg).stream().anyMatch(this::truth);
                case "Condition":
                    return condition(String.valueOf(arg));
                case "Fn::FindInMap": {
                    List<Object> args = TemplateModel.list(arg);
                    Map<String, Object> mapping = TemplateModel.cast(template.section("Mappings").get(string(args.get(0))));
                    Map<String, Object> top = TemplateModel.cast(mapping.get(string(args.get(1))));
                    return resolve(top.get(string(args.get(2))));
                }
                case "Fn::Base64":
                    return Base64.getEncoder().encodeToString(string(arg).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                default:
                    break;
            }
        }
        Map<Object, Object> out = new java.util.LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, resolve(v)));
        return out;
    }

    /** Evaluates a named condition of the Conditions section. */
    public boolean condition(String name) {
        Object definition = template.section("Conditions").get(name);
        return definition != null && truth(definition);
    }

    private boolean truth(Object value) {
        Object resolved = resolve(value);
        return resolved instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(resolved));
    }

    private String sub(Object arg) {
        String text;
        Map<String, Object> variables = Map.of();
        if (arg instanceof List<?> list) {
            text = String.valueOf(list.get(0));
            variables = list.size() > 1 ? TemplateModel.cast(list.get(1)) : Map.of();
        } else {
            text = String.valueOf(arg);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            String value;
            if (variables.containsKey(name)) {
                value = string(variables.get(name));
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                value = getAtt.apply(name.substring(0, dot), name.substring(dot + 1));
            } else {
                value = ref.apply(name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        matcher.appendTail(out);
        return out.toString().replace("${!", "${");
    }
}
