package io.harbormaster.sandbox.flux;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.fabric8.zjsonpatch.JsonPatch;
import org.junit.jupiter.api.Test;

class ApplyPatchTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void replacesSpecFieldsAndArraysRemovesWhatItAppliedBeforeKeepsStatusAndForeignLabels() {
    JsonNode live =
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d','labels':{'team':'a','app':'old'},'uid':'1'},"
                + "'spec':{'replicas':0,'paused':true,'template':{'spec':{'containers':[{'name':'c','image':'x:1'},{'name':'side','image':'s:1'}]}}},"
                + "'status':{'readyReplicas':1}}");
    JsonNode lastApplied =
        json("{'spec':{'replicas':0,'paused':true,'template':{'spec':{'containers':[]}}}}");
    JsonNode desired =
        json(
            "{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d','labels':{'app':'new','flux/name':'k'}},"
                + "'spec':{'replicas':1,'template':{'spec':{'containers':[{'name':'c','image':'x:2'}]}}}}");

    JsonNode patched = JsonPatch.apply(ApplyPatch.between(live, desired, lastApplied), live);

    assertThat(patched.get("spec")).isEqualTo(desired.get("spec"));
    assertThat(patched.at("/metadata/labels"))
        .isEqualTo(json("{'team':'a','app':'new','flux/name':'k'}"));
    assertThat(patched.at("/metadata/uid").asText()).isEqualTo("1");
    assertThat(patched.get("status")).isEqualTo(live.get("status"));
  }

  @Test
  void keepsWhatTheApiServerDefaultedAndAFieldRemovedFromAnotherSpecLevelItNeverApplied() {
    JsonNode live =
        json(
            "{'metadata':{'name':'s'},'spec':{'clusterIP':'10.0.0.7','ports':[{'port':80,'protocol':'TCP'}],'type':'ClusterIP'}}");
    JsonNode lastApplied = json("{'spec':{'ports':[{'port':80}],'type':'ClusterIP'}}");
    JsonNode desired = json("{'metadata':{'name':'s'},'spec':{'ports':[{'port':81}]}}");

    JsonNode patched = JsonPatch.apply(ApplyPatch.between(live, desired, lastApplied), live);

    assertThat(patched.get("spec"))
        .isEqualTo(json("{'clusterIP':'10.0.0.7','ports':[{'port':81}]}"));
  }

  @Test
  void keepsASuspendTheDesiredObjectDoesNotSet() {
    JsonNode live =
        json("{'metadata':{'name':'hr'},'spec':{'suspend':true,'chart':{'version':'1'}}}");
    JsonNode desired = json("{'metadata':{'name':'hr'},'spec':{'chart':{'version':'2'}}}");

    JsonNode patched =
        JsonPatch.apply(ApplyPatch.between(live, desired, MissingNode.getInstance()), live);

    assertThat(patched.get("spec")).isEqualTo(json("{'suspend':true,'chart':{'version':'2'}}"));
  }

  @Test
  void keepsTheVolumeABoundClaimWasGiven() {
    JsonNode live =
        json(
            "{'metadata':{'name':'data'},'spec':{'volumeName':'pvc-1','resources':{'requests':{'storage':'1Gi'}}}}");
    JsonNode desired =
        json("{'metadata':{'name':'data'},'spec':{'resources':{'requests':{'storage':'2Gi'}}}}");

    JsonNode patched =
        JsonPatch.apply(ApplyPatch.between(live, desired, MissingNode.getInstance()), live);

    assertThat(patched.get("spec"))
        .isEqualTo(json("{'volumeName':'pvc-1','resources':{'requests':{'storage':'2Gi'}}}"));
  }

  @Test
  void isEmptyWhenNothingDiffers() {
    JsonNode live =
        json(
            "{'metadata':{'name':'s','labels':{'a':'1','b':'2'},'resourceVersion':'7'},'spec':{'ports':[{'port':80}]},'status':{}}");
    JsonNode desired =
        json("{'metadata':{'name':'s','labels':{'a':'1'}},'spec':{'ports':[{'port':80}]}}");

    assertThat(ApplyPatch.between(live, desired, MissingNode.getInstance())).isEmpty();
  }

  @Test
  void addsLabelsToAnObjectWithoutAny() {
    JsonNode live = json("{'metadata':{'name':'s'},'data':{'k':'v'}}");
    JsonNode desired = json("{'metadata':{'name':'s','labels':{'x/y':'z'}},'data':{'k':'v'}}");

    assertThat(
            JsonPatch.apply(ApplyPatch.between(live, desired, MissingNode.getInstance()), live)
                .at("/metadata/labels/x~1y")
                .asText())
        .isEqualTo("z");
  }
}
