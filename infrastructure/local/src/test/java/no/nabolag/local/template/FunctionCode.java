package no.nabolag.local.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
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
 * The bytecode of one function's deployment package (the shaded jar its CodeUri names), read with ASM so the
 * template tests check what is actually deployed, without running it (no AWS calls, no emulator).
 *
 * <p>How settings names are found: starting from the handler class, every class of ours ({@code no/nabolag/...})
 * that it references, directly or through other classes of ours (method calls, fields, types, lambdas and method
 * references), is analysed. In each method, ASM's {@link SourceInterpreter} tells which instruction produced each
 * argument of a call to {@code Settings.require/find/get/getInt/getBoolean}; when that is a string constant
 * ({@code "FANOUT_QUEUE_URL"} or a {@code static final} constant, which javac inlines), it is a name the function
 * reads. A name built at run time would show up as {@code null} and fail the test, so every name stays visible.
 * The same technique finds the route keys passed to {@code Router.route} and the names passed to {@code new Metrics}.
 */
final class FunctionCode {
    static final String OURS = "no/nabolag/";
    private static final Map<Path, FunctionCode> CACHE = new ConcurrentHashMap<>();

    final Path jar;
    private final Map<String, ClassNode> classes = new ConcurrentHashMap<>();
    private final Set<String> absent = ConcurrentHashMap.newKeySet();
    private JarFile open;

    private FunctionCode(Path jar) {
        this.jar = jar;
    }

    static FunctionCode of(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it first (mvn -B package from the "
                    + "repository root builds every function jar before these tests run)");
        }
        return CACHE.computeIfAbsent(jar, FunctionCode::new);
    }

    /** A string argument of a call, with the class and method it was found in. null value = not a constant. */
    record Argument(String value, String calledMethod, String inClass, String inMethod, int fromParameter) {
    }

    boolean contains(String internalName) {
        return classNode(internalName) != null;
    }

    ClassNode classNode(String internalName) {
        ClassNode cached = classes.get(internalName);
        if (cached != null || absent.contains(internalName)) {
            return cached;
        }
        try {
            JarFile file = jarFile();
            ZipEntry entry = file.getEntry(internalName + ".class");
            if (entry == null) {
                absent.add(internalName);
                return null;
            }
            try (InputStream in = file.getInputStream(entry)) {
                ClassNode node = new ClassNode();
                new ClassReader(in).accept(node, ClassReader.SKIP_FRAMES);
                classes.put(internalName, node);
                return node;
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + jar, e);
        }
    }

    /** The jar, opened once for the test run (thousands of class reads; the JVM closes it at exit). */
    private synchronized JarFile jarFile() throws IOException {
        if (open == null) {
            open = new JarFile(jar.toFile());
        }
        return open;
    }

    /** Our classes reachable from the given class (itself included), in discovery order. */
    Set<String> reachableFrom(String internalName) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(List.of(internalName));
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (!name.startsWith(OURS) || !seen.add(name)) {
                continue;
            }
            ClassNode node = classNode(name);
            if (node == null) {
                continue;
            }
            Set<String> refs = new TreeSet<>();
            addInternal(refs, node.superName);
            node.interfaces.forEach(i -> addInternal(refs, i));
            node.innerClasses.forEach(i -> addInternal(refs, i.name));
            node.fields.forEach(f -> addDescriptor(refs, f.desc));
            for (MethodNode method : node.methods) {
                addDescriptor(refs, method.desc);
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn instanceof MethodInsnNode m) {
                        addInternal(refs, m.owner);
                        addDescriptor(refs, m.desc);
                    } else if (insn instanceof FieldInsnNode f) {
                        addInternal(refs, f.owner);
                        addDescriptor(refs, f.desc);
                    } else if (insn instanceof TypeInsnNode t) {
                        addInternal(refs, t.desc.startsWith("[") ? Type.getType(t.desc).getElementType()
                                .getInternalName() : t.desc);
                    } else if (insn instanceof LdcInsnNode l && l.cst instanceof Type t
                            && t.getSort() == Type.OBJECT) {
                        addInternal(refs, t.getInternalName());
                    } else if (insn instanceof InvokeDynamicInsnNode indy) {
                        for (Object arg : indy.bsmArgs) {
                            if (arg instanceof Handle h) {
                                addInternal(refs, h.getOwner());
                            }
                        }
                    }
                }
            }
            queue.addAll(refs);
        }
        return seen;
    }

    static final String SETTINGS = "no/nabolag/core/config/Settings";
    static final Set<String> SETTINGS_READS = Set.of("require", "find", "get", "getInt", "getBoolean");

    /**
     * The settings read by the code reachable from a handler: name -> true if required (Settings.require).
     * A method that only passes its parameter on (AwsClients.configure(builder, settings, endpointSetting)) is
     * followed to its callers, up to three levels, so the constants its callers pass count as read.
     */
    Map<String, Boolean> settingsRead(String handlerClass) {
        Set<String> reachable = reachableFrom(handlerClass.replace('.', '/'));
        Map<String, Boolean> names = new java.util.TreeMap<>();
        for (Argument read : stringArguments(reachable, SETTINGS, SETTINGS_READS, 0)) {
            boolean required = read.calledMethod().equals("require");
            for (String name : resolve(reachable, read, 3)) {
                names.merge(name, required, Boolean::logicalOr);
            }
        }
        return names;
    }

    /** The route keys (or other constant first arguments) passed to owner.name by code reachable from a handler. */
    Set<String> constantArguments(String handlerClass, String owner, Set<String> methodNames, int argIndex) {
        Set<String> reachable = reachableFrom(handlerClass.replace('.', '/'));
        Set<String> values = new TreeSet<>();
        for (Argument argument : stringArguments(reachable, owner, methodNames, argIndex)) {
            values.addAll(resolve(reachable, argument, 3));
        }
        return values;
    }

    private List<String> resolve(Set<String> reachable, Argument argument, int depth) {
        if (argument.value() != null) {
            return List.of(argument.value());
        }
        if (argument.fromParameter() >= 0 && depth > 0) {
            List<String> values = new ArrayList<>();
            for (Argument caller : stringArguments(reachable, argument.inClass(), Set.of(argument.inMethod()),
                    argument.fromParameter(), false)) {
                values.addAll(resolve(reachable, caller, depth - 1));
            }
            if (!values.isEmpty()) {
                return values;
            }
        }
        return List.of("<not a constant: " + argument.inClass() + "." + argument.inMethod() + ">");
    }

    private static final String CONTROLLER = "Lio/micronaut/http/annotation/Controller;";
    private static final Map<String, String> HTTP_METHODS = Map.of("Lio/micronaut/http/annotation/Get;", "GET",
            "Lio/micronaut/http/annotation/Post;", "POST", "Lio/micronaut/http/annotation/Put;", "PUT",
            "Lio/micronaut/http/annotation/Delete;", "DELETE", "Lio/micronaut/http/annotation/Patch;", "PATCH");

    /**
     * The route keys of a Micronaut function: every {@code @Controller} class of ours in the jar, its base path joined
     * with each {@code @Get/@Post/...} method's path (route keys as API Gateway writes them, {@code {param}} alike).
     * Micronaut's own routes (login, logout, keys...) are switched off in the console, so controllers are all there is.
     */
    Set<String> micronautRoutes() {
        Set<String> routes = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith(OURS) && name.endsWith(".class") && !name.contains("$"))
                    .forEach(name -> {
                        ClassNode node = classNode(name.substring(0, name.length() - ".class".length()));
                        String base = annotationValue(node.visibleAnnotations, CONTROLLER);
                        if (base == null) {
                            return;
                        }
                        for (MethodNode method : node.methods) {
                            if (method.visibleAnnotations == null) {
                                continue;
                            }
                            for (var annotation : method.visibleAnnotations) {
                                String verb = HTTP_METHODS.get(annotation.desc);
                                if (verb != null) {
                                    String path = annotationValue(List.of(annotation), annotation.desc);
                                    String joined = (base + "/" + path).replaceAll("/+", "/");
                                    routes.add(verb + " " + (joined.length() > 1 && joined.endsWith("/")
                                            ? joined.substring(0, joined.length() - 1) : joined));
                                }
                            }
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + jar, e);
        }
        return routes;
    }

    /** Class-level annotations by which Micronaut's container, not our code, instantiates a class of ours. */
    private static final Set<String> BEAN_ANNOTATIONS = Set.of(CONTROLLER, "Ljakarta/inject/Singleton;",
            "Lio/micronaut/context/annotation/Factory;", "Lio/micronaut/context/annotation/Bean;",
            "Lio/micronaut/http/annotation/Filter;", "Lio/micronaut/http/annotation/ServerFilter;",
            "Lio/micronaut/context/annotation/Replaces;", "Lio/micronaut/context/annotation/Context;",
            "Ljakarta/inject/Named;", "Lio/micronaut/runtime/context/scope/Refreshable;",
            "Lio/micronaut/runtime/http/scope/RequestScope;", "Lio/micronaut/context/annotation/Prototype;");

    /**
     * Our classes that a dependency-injection container creates (controllers, singletons, factories, filters): in a
     * Micronaut function they are entry points as real as the handler, though no code of ours calls their
     * constructors. Empty for plain handlers.
     */
    Set<String> containerBeans() {
        Set<String> beans = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().map(ZipEntry::getName)
                    .filter(name -> name.startsWith(OURS) && name.endsWith(".class"))
                    .forEach(name -> {
                        String type = name.substring(0, name.length() - ".class".length());
                        ClassNode node = classNode(type);
                        if (node != null && node.visibleAnnotations != null && node.visibleAnnotations.stream()
                                .anyMatch(a -> BEAN_ANNOTATIONS.contains(a.desc))) {
                            beans.add(type);
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + jar, e);
        }
        return beans;
    }

    /** An annotation's value (uri) if the annotation is present: "" when it names none; null when absent. */
    private static String annotationValue(List<org.objectweb.asm.tree.AnnotationNode> annotations, String desc) {
        if (annotations == null) {
            return null;
        }
        for (var annotation : annotations) {
            if (annotation.desc.equals(desc)) {
                if (annotation.values != null) {
                    for (int i = 0; i + 1 < annotation.values.size(); i += 2) {
                        if (List.of("value", "uri").contains(annotation.values.get(i))) {
                            return String.valueOf(annotation.values.get(i + 1));
                        }
                    }
                }
                return "";
            }
        }
        return null;
    }

    /**
     * Whether code reachable from the handler calls an operation of a client (SnsClient.publish...), not counting
     * builder() and create(): core's AwsClients builds every client, but only the code that calls one needs rights.
     */
    boolean callsOperationsOf(String handlerClass, Set<String> clientClasses) {
        for (String name : reachableFrom(handlerClass.replace('.', '/'))) {
            ClassNode node = classNode(name);
            if (node == null) {
                continue;
            }
            for (MethodNode method : node.methods) {
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn instanceof MethodInsnNode call && clientClasses.contains(call.owner)
                            && !Set.of("builder", "create", "close", "serviceName", "serviceClientConfiguration")
                            .contains(call.name)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether code reachable from the handler calls anything in a package (e.g. the SNS SDK). */
    boolean callsInto(String handlerClass, String packagePrefix) {
        for (String name : reachableFrom(handlerClass.replace('.', '/'))) {
            ClassNode node = classNode(name);
            if (node == null) {
                continue;
            }
            for (MethodNode method : node.methods) {
                for (AbstractInsnNode insn : method.instructions) {
                    if (insn instanceof MethodInsnNode call && call.owner.startsWith(packagePrefix)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The argIndex-th argument of every call to owner.name (any descriptor) in the given classes. */
    List<Argument> stringArguments(Set<String> inClasses, String owner, Set<String> names, int argIndex) {
        return stringArguments(inClasses, owner, names, argIndex, true);
    }

    private List<Argument> stringArguments(Set<String> inClasses, String owner, Set<String> names, int argIndex,
            boolean skipSelfCalls) {
        List<Argument> found = new ArrayList<>();
        for (String className : inClasses) {
            ClassNode node = classNode(className);
            if (node == null) {
                continue;
            }
            for (MethodNode method : node.methods) {
                if (method.instructions.size() == 0 || !calls(method, owner, names)) {
                    continue;
                }
                Frame<SourceValue>[] frames;
                try {
                    frames = new Analyzer<>(new SourceInterpreter()).analyze(className, method);
                } catch (AnalyzerException e) {
                    throw new IllegalStateException("Cannot analyse " + className + "." + method.name, e);
                }
                for (int i = 0; i < method.instructions.size(); i++) {
                    AbstractInsnNode insn = method.instructions.get(i);
                    if (insn instanceof MethodInsnNode call && call.owner.equals(owner) && names.contains(call.name)
                            && frames[i] != null) {
                        int args = Type.getArgumentTypes(call.desc).length;
                        if (argIndex >= args) {
                            continue;
                        }
                        if (skipSelfCalls && className.equals(owner)) {
                            continue; // a class delegating to itself (Settings.get -> find, Metrics(String) -> this(...))
                        }
                        Frame<SourceValue> frame = frames[i];
                        SourceValue value = frame.getStack(frame.getStackSize() - args + argIndex);
                        found.add(new Argument(constant(value), call.name, className, method.name,
                                parameterIndex(method, value)));
                    }
                }
            }
        }
        return found;
    }

    /** The index of the method parameter a value was loaded from, or -1. */
    private static int parameterIndex(MethodNode method, SourceValue value) {
        if (value.insns.size() != 1 || !(value.insns.iterator().next() instanceof VarInsnNode load)
                || load.getOpcode() != Opcodes.ALOAD) {
            return -1;
        }
        int slot = (method.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
        Type[] parameters = Type.getArgumentTypes(method.desc);
        for (int p = 0; p < parameters.length; p++) {
            if (slot == load.var) {
                return p;
            }
            slot += parameters[p].getSize();
        }
        return -1;
    }

    private static boolean calls(MethodNode method, String owner, Set<String> names) {
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode call && call.owner.equals(owner) && names.contains(call.name)) {
                return true;
            }
        }
        return false;
    }

    private static String constant(SourceValue value) {
        if (value.insns.size() == 1 && value.insns.iterator().next() instanceof LdcInsnNode ldc
                && ldc.cst instanceof String text) {
            return text;
        }
        return null;
    }

    private static void addInternal(Set<String> refs, String internalName) {
        if (internalName != null && internalName.startsWith(OURS)) {
            refs.add(internalName);
        }
    }

    private static void addDescriptor(Set<String> refs, String descriptor) {
        Type type = Type.getType(descriptor);
        List<Type> types = new ArrayList<>();
        if (type.getSort() == Type.METHOD) {
            types.addAll(List.of(type.getArgumentTypes()));
            types.add(type.getReturnType());
        } else {
            types.add(type);
        }
        for (Type t : types) {
            Type element = t.getSort() == Type.ARRAY ? t.getElementType() : t;
            if (element.getSort() == Type.OBJECT) {
                addInternal(refs, element.getInternalName());
            }
        }
    }
}
