package no.nabolag.local.template;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.SourceInterpreter;
import org.objectweb.asm.tree.analysis.SourceValue;

/**
 * The AWS operations a function's deployed code can call, as IAM actions ({@code DynamoDbClient.query} ->
 * {@code dynamodb:Query}), found in the bytecode of its shaded jar: the function module and every project module it
 * depends on, whatever module a class lives in.
 *
 * <p>Method by method rather than class by class, so a store whose function uses only its reads does not count its
 * writes: starting from the handler (every method of it and of its superclasses, since Lambda constructs it and
 * calls it), a method is reachable when reachable code calls it. Calls on an interface or a non-final class go to
 * the implementations that reachable code instantiates (rapid type analysis); lambdas and method references count
 * where they are created; a method that overrides one of a library or JDK type (Supplier.get, Runnable.run, an SDK
 * interceptor) counts once its class is instantiated, since the library may call it. Reflection is not followed:
 * our code never calls AWS through it.
 *
 * <p>Which resource a class works on: the settings whose values reach its constructor's String parameters
 * ({@code new DynamoDbPostStore(dynamoDb, settings.require("POSTS_TABLE"))}), followed through constructors and
 * factories that pass a parameter on ({@code DynamoDbDeliveryPosts(dynamoDb, table)} -> {@code DynamoDbPostStore}).
 */
final class AwsCalls {
    private static final String SERVICES = "software/amazon/awssdk/services/";
    private static final Pattern CLIENT = Pattern.compile(SERVICES + "([a-z0-9]+)/([A-Za-z0-9]+?)(Async)?Client");
    /** Client methods that are not service operations. */
    private static final Set<String> NOT_OPERATIONS = Set.of("builder", "create", "close", "serviceName",
            "serviceClientConfiguration", "utilities", "waiter", "batchManager");
    /** SDK package -> IAM service prefix, where they differ from each other. */
    private static final Map<String, String> IAM_PREFIX = Map.of("cognitoidentityprovider", "cognito-idp",
            "eventbridge", "events", "cloudwatchlogs", "logs", "sfn", "states");
    /** Batch operations authorised by the single operation's action. */
    private static final Map<String, String> BATCH_ACTIONS = Map.of("sqs:SendMessageBatch", "sqs:SendMessage",
            "sqs:DeleteMessageBatch", "sqs:DeleteMessage", "sqs:ChangeMessageVisibilityBatch",
            "sqs:ChangeMessageVisibility", "sns:PublishBatch", "sns:Publish");
    /** DynamoDB transactions need the action of each item operation (dynamodb:TransactWriteItems is no IAM action). */
    private static final String TRANSACT_WRITE_ITEM = SERVICES + "dynamodb/model/TransactWriteItem$Builder";
    private static final Map<String, String> TRANSACT_WRITE_ACTIONS = Map.of("put", "dynamodb:PutItem",
            "update", "dynamodb:UpdateItem", "delete", "dynamodb:DeleteItem", "conditionCheck",
            "dynamodb:ConditionCheckItem");
    private static final String INDEX_NAME_SETTERS = SERVICES + "dynamodb/model/(QueryRequest|ScanRequest)\\$Builder";

    private final FunctionCode code;
    private final Map<String, ClassNode> externalClasses = new HashMap<>();
    private final Map<String, Set<String>> ancestors = new HashMap<>();

    // The analysis state.
    private final Set<String> reachable = new LinkedHashSet<>();
    private final Deque<MethodNode> work = new ArrayDeque<>();
    private final Map<MethodNode, String> ownerOf = new HashMap<>();
    private final Set<String> instantiated = new HashSet<>();
    private final Set<String> virtualCalls = new HashSet<>();
    private final Map<String, Set<String>> actions = new TreeMap<>();
    private final Set<String> indexNames = new TreeSet<>();
    private final Set<String> problems = new TreeSet<>();
    /** Calls of our methods in reachable code: "owner.name desc" -> where. */
    private final Map<String, List<Site>> sites = new HashMap<>();
    private final Map<MethodNode, Frame<SourceValue>[]> frames = new HashMap<>();
    private final Map<String, Set<String>> actionsByClass = new TreeMap<>();

    private record Site(String inClass, MethodNode inMethod, MethodInsnNode call) {
    }

    private AwsCalls(FunctionCode code) {
        this.code = code;
    }

    /**
     * What the code reachable from one handler calls: action -> calling methods; the index names it queries; the
     * actions each class calls and the settings (resources) each class is constructed with, by class name.
     */
    record Found(Map<String, Set<String>> actions, Set<String> indexNames, Set<String> problems,
                 Map<String, Set<String>> actionsByClass, Map<String, Set<String>> settingsByClass) {
    }

    static Found of(FunctionCode code, String handlerClass) {
        AwsCalls calls = new AwsCalls(code);
        calls.analyse(handlerClass.replace('.', '/'));
        // A framework function's controllers, singletons and factories are created by its container: roots too.
        code.containerBeans().forEach(calls::analyse);
        Map<String, Set<String>> settings = new TreeMap<>();
        calls.actionsByClass.keySet().forEach(type -> settings.put(type, calls.constructorSettings(type)));
        return new Found(calls.actions, calls.indexNames, calls.problems, calls.actionsByClass, settings);
    }

    private void analyse(String handler) {
        instantiate(handler);
        for (String type = handler; type != null && type.startsWith(FunctionCode.OURS); ) {
            ClassNode node = code.classNode(type);
            if (node == null) {
                break;
            }
            for (MethodNode method : node.methods) {
                reach(type, method);
            }
            type = node.superName;
        }
        while (!work.isEmpty()) {
            MethodNode method = work.poll();
            scan(ownerOf.get(method), method);
        }
    }

    private void scan(String owner, MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof TypeInsnNode type && type.getOpcode() == Opcodes.NEW) {
                instantiate(type.desc);
            } else if (insn instanceof FieldInsnNode field && field.owner.startsWith(FunctionCode.OURS)
                    && (field.getOpcode() == Opcodes.GETSTATIC || field.getOpcode() == Opcodes.PUTSTATIC)) {
                reachStaticInitialiser(field.owner);
            } else if (insn instanceof MethodInsnNode call) {
                call(owner, method, call);
            } else if (insn instanceof InvokeDynamicInsnNode indy) {
                for (Object argument : indy.bsmArgs) {
                    if (argument instanceof Handle handle && handle.getOwner().startsWith(FunctionCode.OURS)) {
                        boolean virtual = handle.getTag() == Opcodes.H_INVOKEVIRTUAL
                                || handle.getTag() == Opcodes.H_INVOKEINTERFACE;
                        if (handle.getTag() == Opcodes.H_NEWINVOKESPECIAL) {
                            instantiate(handle.getOwner());
                        }
                        invoke(handle.getOwner(), handle.getName(), handle.getDesc(), virtual);
                    }
                }
            }
        }
    }

    private void call(String owner, MethodNode method, MethodInsnNode call) {
        Matcher client = CLIENT.matcher(call.owner);
        if (client.matches() && !NOT_OPERATIONS.contains(call.name) && call.getOpcode() != Opcodes.INVOKESTATIC) {
            String service = IAM_PREFIX.getOrDefault(client.group(1), client.group(1));
            String operation = call.name.endsWith("Paginator")
                    ? call.name.substring(0, call.name.length() - "Paginator".length()) : call.name;
            String action = service + ":" + operation.substring(0, 1).toUpperCase(Locale.ROOT) + operation.substring(1);
            action = BATCH_ACTIONS.getOrDefault(action, action);
            if (action.equals("dynamodb:TransactWriteItems") || action.equals("dynamodb:ExecuteStatement")
                    || action.equals("dynamodb:ExecuteTransaction") || action.equals("dynamodb:BatchExecuteStatement")) {
                // Authorised per item operation; TransactWriteItem.Builder calls below name them.
                if (!action.equals("dynamodb:TransactWriteItems")) {
                    problems.add(owner + "." + method.name + " calls " + action
                            + ": map its statements to item actions in AwsCalls");
                }
            } else if (action.equals("dynamodb:TransactGetItems")) {
                record("dynamodb:GetItem", owner, method);
            } else {
                record(action, owner, method);
            }
        } else if (call.owner.equals(TRANSACT_WRITE_ITEM) && TRANSACT_WRITE_ACTIONS.containsKey(call.name)) {
            record(TRANSACT_WRITE_ACTIONS.get(call.name), owner, method);
        } else if (call.owner.matches(INDEX_NAME_SETTERS) && call.name.equals("indexName")) {
            AbstractInsnNode previous = call.getPrevious();
            while (previous != null && previous.getOpcode() < 0) {
                previous = previous.getPrevious(); // labels and line numbers of a chained call on its own line
            }
            if (previous instanceof LdcInsnNode ldc && ldc.cst instanceof String name) {
                indexNames.add(name);
            } else {
                problems.add(owner + "." + method.name + " queries an index whose name is not a constant");
            }
        }
        if (call.owner.startsWith(FunctionCode.OURS)) {
            sites.computeIfAbsent(call.owner + "." + call.name + " " + call.desc, k -> new ArrayList<>())
                    .add(new Site(owner, method, call));
            if (call.getOpcode() == Opcodes.INVOKESTATIC) {
                reachStaticInitialiser(call.owner);
            }
            boolean virtual = call.getOpcode() == Opcodes.INVOKEVIRTUAL || call.getOpcode() == Opcodes.INVOKEINTERFACE;
            invoke(call.owner, call.name, call.desc, virtual);
        }
    }

    private void record(String action, String owner, MethodNode method) {
        actions.computeIfAbsent(action, a -> new TreeSet<>()).add(owner.replace('/', '.') + "." + method.name);
        actionsByClass.computeIfAbsent(outerClass(owner).replace('/', '.'), c -> new TreeSet<>()).add(action);
    }

    private static String outerClass(String type) {
        int dollar = type.indexOf('$');
        return dollar < 0 ? type : type.substring(0, dollar);
    }

    /** The settings whose values reach the String parameters of a class's constructors, in reachable code. */
    private Set<String> constructorSettings(String className) {
        String type = className.replace('.', '/');
        Set<String> settings = new TreeSet<>();
        sites.forEach((key, calls) -> {
            if (key.startsWith(type + ".<init> ")) {
                calls.forEach(site -> settings.addAll(stringArguments(site, 4)));
            }
        });
        return settings;
    }

    /** The settings passed, directly or through parameters of the calling method, as String arguments of a call. */
    private Set<String> stringArguments(Site site, int depth) {
        Set<String> settings = new TreeSet<>();
        org.objectweb.asm.Type[] parameters = org.objectweb.asm.Type.getArgumentTypes(site.call().desc);
        Frame<SourceValue> frame = frameAt(site.inClass(), site.inMethod(), site.call());
        if (frame == null) {
            return settings;
        }
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].getDescriptor().equals("Ljava/lang/String;")) {
                SourceValue value = frame.getStack(frame.getStackSize() - parameters.length + i);
                settings.addAll(settingsIn(site.inClass(), site.inMethod(), value, depth));
            }
        }
        return settings;
    }

    private Set<String> settingsIn(String inClass, MethodNode inMethod, SourceValue value, int depth) {
        if (value.insns.size() != 1) {
            return Set.of();
        }
        AbstractInsnNode source = value.insns.iterator().next();
        if (source instanceof MethodInsnNode read && read.owner.equals(FunctionCode.SETTINGS)
                && FunctionCode.SETTINGS_READS.contains(read.name)) {
            Frame<SourceValue> frame = frameAt(inClass, inMethod, read);
            int arguments = org.objectweb.asm.Type.getArgumentTypes(read.desc).length;
            SourceValue name = frame == null ? null : frame.getStack(frame.getStackSize() - arguments);
            if (name != null && name.insns.size() == 1 && name.insns.iterator().next() instanceof LdcInsnNode ldc
                    && ldc.cst instanceof String setting) {
                return Set.of(setting);
            }
            return Set.of();
        }
        int parameter = parameterIndex(inMethod, source);
        if (parameter < 0 || depth == 0) {
            return Set.of();
        }
        Set<String> settings = new TreeSet<>();
        for (Site caller : sites.getOrDefault(inClass + "." + inMethod.name + " " + inMethod.desc, List.of())) {
            Frame<SourceValue> frame = frameAt(caller.inClass(), caller.inMethod(), caller.call());
            int arguments = org.objectweb.asm.Type.getArgumentTypes(caller.call().desc).length;
            if (frame != null) {
                settings.addAll(settingsIn(caller.inClass(), caller.inMethod(),
                        frame.getStack(frame.getStackSize() - arguments + parameter), depth - 1));
            }
        }
        return settings;
    }

    /** The index of the method parameter an ALOAD reads, or -1. */
    private static int parameterIndex(MethodNode method, AbstractInsnNode source) {
        if (!(source instanceof VarInsnNode load) || load.getOpcode() != Opcodes.ALOAD) {
            return -1;
        }
        int slot = (method.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
        org.objectweb.asm.Type[] parameters = org.objectweb.asm.Type.getArgumentTypes(method.desc);
        for (int p = 0; p < parameters.length; p++) {
            if (slot == load.var) {
                return p;
            }
            slot += parameters[p].getSize();
        }
        return -1;
    }

    private Frame<SourceValue> frameAt(String inClass, MethodNode method, AbstractInsnNode insn) {
        Frame<SourceValue>[] all = frames.computeIfAbsent(method, m -> {
            try {
                return new Analyzer<>(new SourceInterpreter()).analyze(inClass, m);
            } catch (AnalyzerException e) {
                problems.add("Cannot analyse " + inClass + "." + m.name + ": " + e.getMessage());
                return null;
            }
        });
        return all == null ? null : all[method.instructions.indexOf(insn)];
    }

    /** A call of ours: the method it resolves to, and for a virtual call every instantiated override. */
    private void invoke(String owner, String name, String desc, boolean virtual) {
        reachResolved(owner, name, desc);
        if (virtual && virtualCalls.add(owner + "." + name + desc)) {
            for (String type : List.copyOf(instantiated)) {
                if (ancestors(type).contains(owner)) {
                    reachResolved(type, name, desc);
                }
            }
        }
    }

    private void instantiate(String type) {
        if (!type.startsWith(FunctionCode.OURS) || !instantiated.add(type)) {
            return;
        }
        reachStaticInitialiser(type);
        Set<String> supertypes = ancestors(type);
        for (String call : List.copyOf(virtualCalls)) {
            int dot = call.indexOf('.');
            int paren = call.indexOf('(');
            if (supertypes.contains(call.substring(0, dot))) {
                reachResolved(type, call.substring(dot + 1, paren), call.substring(paren));
            }
        }
        // Callbacks: methods that implement a library or JDK type's method may be called by that library.
        Set<String> external = new HashSet<>();
        for (String supertype : supertypes) {
            if (!supertype.startsWith(FunctionCode.OURS)) {
                external.addAll(declaredMethods(supertype));
            }
        }
        for (String t = type; t != null && t.startsWith(FunctionCode.OURS); ) {
            ClassNode node = code.classNode(t);
            if (node == null) {
                break;
            }
            for (MethodNode method : node.methods) {
                if ((method.access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) == 0
                        && external.contains(method.name + method.desc)) {
                    reach(t, method);
                }
            }
            t = node.superName;
        }
    }

    /** The method a call resolves to: in the class or its superclasses, else a default method of an interface. */
    private void reachResolved(String owner, String name, String desc) {
        for (String type = owner; type != null && type.startsWith(FunctionCode.OURS); ) {
            ClassNode node = code.classNode(type);
            if (node == null) {
                return;
            }
            for (MethodNode method : node.methods) {
                if (method.name.equals(name) && method.desc.equals(desc)) {
                    if ((method.access & Opcodes.ACC_ABSTRACT) == 0) {
                        reach(type, method);
                        return;
                    }
                }
            }
            type = node.superName;
        }
        for (String supertype : ancestors(owner)) {
            ClassNode node = supertype.startsWith(FunctionCode.OURS) ? code.classNode(supertype) : null;
            if (node != null && (node.access & Opcodes.ACC_INTERFACE) != 0) {
                node.methods.stream().filter(m -> m.name.equals(name) && m.desc.equals(desc)
                        && (m.access & Opcodes.ACC_ABSTRACT) == 0).forEach(m -> reach(supertype, m));
            }
        }
    }

    private void reachStaticInitialiser(String type) {
        ClassNode node = code.classNode(type);
        if (node != null) {
            node.methods.stream().filter(m -> m.name.equals("<clinit>")).forEach(m -> reach(type, m));
        }
    }

    private void reach(String owner, MethodNode method) {
        if (reachable.add(owner + "." + method.name + method.desc)) {
            ownerOf.put(method, owner);
            work.add(method);
        }
    }

    /** A type and all its supertypes (ours, the library's and the JDK's), by internal name. */
    private Set<String> ancestors(String type) {
        Set<String> cached = ancestors.get(type);
        if (cached != null) {
            return cached;
        }
        Set<String> all = new LinkedHashSet<>();
        all.add(type);
        ClassNode node = anyClass(type);
        if (node != null) {
            List<String> direct = new ArrayList<>(node.interfaces);
            if (node.superName != null) {
                direct.add(node.superName);
            }
            direct.forEach(d -> all.addAll(ancestors(d)));
        }
        ancestors.put(type, all);
        return all;
    }

    /** name + descriptor of the instance methods a (library or JDK) type declares. */
    private Set<String> declaredMethods(String type) {
        ClassNode node = anyClass(type);
        Set<String> methods = new HashSet<>();
        if (node != null) {
            node.methods.stream().filter(m -> (m.access & Opcodes.ACC_STATIC) == 0 && !m.name.startsWith("<"))
                    .forEach(m -> methods.add(m.name + m.desc));
        }
        return methods;
    }

    /** A class of the jar, else of the JDK (java.lang.Object, Supplier...); null if neither has it. */
    private ClassNode anyClass(String type) {
        ClassNode ours = code.classNode(type);
        if (ours != null) {
            return ours;
        }
        return externalClasses.computeIfAbsent(type, t -> {
            try (InputStream in = ClassLoader.getSystemResourceAsStream(t + ".class")) {
                if (in == null) {
                    return null;
                }
                ClassNode node = new ClassNode();
                new ClassReader(in).accept(node, ClassReader.SKIP_CODE);
                return node;
            } catch (IOException e) {
                return null;
            }
        });
    }
}
