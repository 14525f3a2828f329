package dev.streamload.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.streamload.run.StreamingSimulation;

/**
 * Simulations only wire (scenario × injection × protocol × assertions): each one is a {@link
 * StreamingSimulation} made of a constructor that passes the dialect and the scenario, with no
 * logic of its own.
 */
@AnalyzeClasses(packages = "dev.streamload.simulations")
class SimulationsTest {

  @ArchTest
  static final ArchRule simulationsExtendStreamingSimulationAndEndInSimulation =
      classes()
          .that()
          .resideInAPackage("dev.streamload.simulations..")
          .should()
          .beAssignableTo(StreamingSimulation.class)
          .andShould()
          .haveSimpleNameEndingWith("Simulation")
          .andShould()
          .bePublic();

  /**
   * Declares no method and no field, and calls no method: the constructor hands the dialect and a
   * method reference to the scenario to {@link StreamingSimulation}. ArchUnit counts what a lambda
   * does as done by the method that holds it, so a lambda with any call in it is a violation too.
   */
  static final ArchCondition<JavaClass> ONLY_WIRE =
      new ArchCondition<>("only wire (constructors that call no method, no field)") {
        @Override
        public void check(JavaClass simulation, ConditionEvents events) {
          for (JavaMember member : simulation.getMembers()) {
            if (!(member instanceof JavaConstructor)) {
              events.add(
                  SimpleConditionEvent.violated(
                      member,
                      member.getFullName() + " is logic: move it to chains/, load/ or run/"));
            }
          }
          for (JavaMethodCall call : simulation.getMethodCallsFromSelf()) {
            events.add(
                SimpleConditionEvent.violated(
                    call, call.getDescription() + ": logic belongs in chains/, load/ or run/"));
          }
        }
      };

  @ArchTest
  static final ArchRule simulationsOnlyWireWithoutMethodsFieldsOrCalls =
      classes().that().resideInAPackage("dev.streamload.simulations..").should(ONLY_WIRE);

  @ArchTest
  static final ArchRule simulationsDependOnlyOnTheWiringPackages =
      classes()
          .that()
          .resideInAPackage("dev.streamload.simulations..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java.lang..",
              "dev.streamload.simulations..",
              "dev.streamload.run..",
              "dev.streamload.chains..",
              "dev.streamload.config..",
              "dev.streamload.load..",
              "io.gatling.javaapi.core",
              "io.gatling.javaapi.http");

  @ArchTest
  static final ArchRule simulationsUseOnlyPublicOrProtectedMembers =
      classes()
          .that()
          .resideInAPackage("dev.streamload.simulations..")
          .should()
          .onlyAccessMembersThat(
              com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier(
                      JavaModifier.PUBLIC)
                  .or(
                      com.tngtech.archunit.core.domain.properties.HasModifiers.Predicates.modifier(
                          JavaModifier.PROTECTED)))
          .because("simulations use the public API of the wiring packages");
}
