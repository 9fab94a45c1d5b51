# clusterlab: plain javac, one jar, JUnit 5 for tests only.
#
#   make            build build/clusterlab.jar
#   make demo       run every demo (`clusterlab demo`; the list is in src/main/java/clusterlab/DemoCommand.java)
#   make test       compile and run every test, then one summary line
#   make bench      run every benchmark in BENCHMARKS and print their tables
#   make check LESSON=01 [WORK=exercises|solutions]   check a lesson's exercises
#   make handout    a student copy without solutions, in build/handout/
#   make clean

JAVAC      ?= javac
JAVA       ?= java
JAVACFLAGS := --release 17 -Xlint:all -Werror -encoding UTF-8

BUILD      := build
CLASSES    := $(BUILD)/classes
TEST_CLASSES  := $(BUILD)/test-classes
BENCH_CLASSES := $(BUILD)/bench-classes
JAR        := $(BUILD)/clusterlab.jar

MAIN_SRC   := $(shell find src/main/java -name '*.java')
RESOURCES  := $(shell find src/main/resources -type f 2>/dev/null)
TEST_SRC   := $(shell find src/test/java -name '*.java')
BENCH_SRC  := $(shell find src/bench/java -name '*.java')

# Add a benchmark here: each is a class with a main in src/bench/java.
BENCHMARKS := clusterlab.bench.FramingBench clusterlab.bench.ServerBench clusterlab.bench.ExprBench \
              clusterlab.bench.DistributedBench clusterlab.bench.MpiBench clusterlab.bench.LifeBench \
              clusterlab.bench.PipesBench clusterlab.bench.JobsBench \
              clusterlab.bench.PrimesBench clusterlab.bench.MonitorBench

# The JUnit console launcher: Debian's junit5 package, else lib/ (fetched with mvn when possible).
JUNIT_VERSION := 1.10.2
JUNIT_SYSTEM  := /usr/share/java/junit-platform-console-standalone.jar
JUNIT_LOCAL   := lib/junit-platform-console-standalone-$(JUNIT_VERSION).jar
JUNIT         := $(firstword $(wildcard $(JUNIT_SYSTEM) $(JUNIT_LOCAL)) $(JUNIT_LOCAL))

.PHONY: all jar demo test bench check handout clean junit

all: jar

jar: $(JAR)

$(JAR): $(MAIN_SRC) $(RESOURCES)
	@rm -rf $(CLASSES) && mkdir -p $(CLASSES)
	$(JAVAC) $(JAVACFLAGS) -d $(CLASSES) $(MAIN_SRC)
	@if [ -d src/main/resources ]; then cp -R src/main/resources/. $(CLASSES)/; fi
	jar --create --file $@ --main-class clusterlab.Main -C $(CLASSES) .

demo: $(JAR)
	@$(JAVA) -jar $(JAR) demo

$(JUNIT_LOCAL):
	@if command -v mvn >/dev/null 2>&1; then \
	  mvn -q dependency:copy -Dartifact=org.junit.platform:junit-platform-console-standalone:$(JUNIT_VERSION) \
	      -DoutputDirectory=lib || exit 1; \
	else echo "make: no JUnit console launcher found: sudo apt install junit5" >&2; exit 2; fi

junit: $(JUNIT)

$(TEST_CLASSES)/.built: $(JAR) $(TEST_SRC) | junit
	@rm -rf $(TEST_CLASSES) && mkdir -p $(TEST_CLASSES)
	$(JAVAC) $(JAVACFLAGS) -cp $(CLASSES):$(JUNIT) -d $(TEST_CLASSES) $(TEST_SRC)
	@touch $@

# The launcher's own table is for people; the last line is the plain summary CI reads.
test: $(TEST_CLASSES)/.built
	@scripts/run-tests.sh $(JUNIT) $(CLASSES):$(TEST_CLASSES)

$(BENCH_CLASSES)/.built: $(JAR) $(BENCH_SRC)
	@rm -rf $(BENCH_CLASSES) && mkdir -p $(BENCH_CLASSES)
	$(JAVAC) $(JAVACFLAGS) -cp $(CLASSES) -d $(BENCH_CLASSES) $(BENCH_SRC)
	@touch $@

bench: $(BENCH_CLASSES)/.built
	@for b in $(BENCHMARKS); do $(JAVA) -cp $(CLASSES):$(BENCH_CLASSES) $$b || exit $$?; done

WORK ?= exercises
check: $(JAR) | junit
	@JUNIT=$(JUNIT) scripts/check-lesson.sh $(LESSON) $(WORK)

handout: $(JAR)
	@scripts/make-handout.sh $(BUILD)/handout

clean:
	rm -rf $(BUILD)
