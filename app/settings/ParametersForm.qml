import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common

// The parameters a conversation is sent with — model, temperature, top-p,
// token limit, JSON mode and system prompt — as the chat's settings panel and
// the preset editor show them. load() fills it; edited() says the user
// changed something, values() returns it all (temperature and topP negative
// when left to the provider, maxTokens 0 for no limit).
GridLayout {
    id: form

    property bool showModel: true
    property string model
    property string systemPrompt
    property real temperature: -1
    property real topP: -1
    property int maxTokens: 0
    property bool jsonMode: false

    signal edited()

    columns: 2
    columnSpacing: 12
    rowSpacing: 8

    function load(values) {
        model = values.model || ""
        systemPrompt = values.systemPrompt || ""
        temperature = values.temperature === undefined ? -1 : values.temperature
        topP = values.topP === undefined ? -1 : values.topP
        maxTokens = values.maxTokens || 0
        jsonMode = !!values.jsonMode
        modelField.text = model
        promptArea.text = systemPrompt
        temperatureSet.checked = temperature >= 0
        temperatureSlider.value = temperature >= 0 ? temperature : 1
        topPSet.checked = topP >= 0
        topPSlider.value = topP >= 0 ? topP : 1
        maxTokensSpin.value = maxTokens
        jsonSwitch.checked = jsonMode
    }

    function values() {
        return {
            model: model,
            systemPrompt: systemPrompt,
            temperature: temperature,
            topP: topP,
            maxTokens: maxTokens,
            jsonMode: jsonMode
        }
    }

    Label { visible: form.showModel; text: qsTr("Model"); color: Theme.mutedText }
    TextField {
        id: modelField
        objectName: "parametersModel"
        visible: form.showModel
        Layout.fillWidth: true
        placeholderText: qsTr("provider/model; empty: the model chosen in the chat")
        Accessible.name: qsTr("Model")
        onEditingFinished: {
            if (form.model !== text.trim()) {
                form.model = text.trim()
                form.edited()
            }
        }
    }

    Label { text: qsTr("Temperature"); color: Theme.mutedText }
    RowLayout {
        Layout.fillWidth: true
        CheckBox {
            id: temperatureSet
            objectName: "parametersTemperatureSet"
            text: qsTr("Set")
            Accessible.name: qsTr("Set the temperature")
            onToggled: {
                form.temperature = checked ? Math.round(temperatureSlider.value * 10) / 10 : -1
                form.edited()
            }
        }
        Slider {
            id: temperatureSlider
            objectName: "parametersTemperature"
            Layout.fillWidth: true
            enabled: temperatureSet.checked
            from: 0
            to: 2
            stepSize: 0.1
            value: 1
            Accessible.name: qsTr("Temperature")
            onMoved: {
                form.temperature = Math.round(value * 10) / 10
                form.edited()
            }
        }
        Label {
            Layout.minimumWidth: 90
            text: temperatureSet.checked ? temperatureSlider.value.toFixed(1) : qsTr("provider default")
            color: Theme.text
        }
    }

    Label { text: qsTr("Top-p"); color: Theme.mutedText }
    RowLayout {
        Layout.fillWidth: true
        CheckBox {
            id: topPSet
            objectName: "parametersTopPSet"
            text: qsTr("Set")
            Accessible.name: qsTr("Set top-p")
            onToggled: {
                form.topP = checked ? Math.round(topPSlider.value * 100) / 100 : -1
                form.edited()
            }
        }
        Slider {
            id: topPSlider
            objectName: "parametersTopP"
            Layout.fillWidth: true
            enabled: topPSet.checked
            from: 0
            to: 1
            stepSize: 0.05
            value: 1
            Accessible.name: qsTr("Top-p")
            onMoved: {
                form.topP = Math.round(value * 100) / 100
                form.edited()
            }
        }
        Label {
            Layout.minimumWidth: 90
            text: topPSet.checked ? topPSlider.value.toFixed(2) : qsTr("provider default")
            color: Theme.text
        }
    }

    Label { text: qsTr("Max tokens"); color: Theme.mutedText }
    RowLayout {
        SpinBox {
            id: maxTokensSpin
            objectName: "parametersMaxTokens"
            from: 0
            to: 1000000
            stepSize: 256
            editable: true
            Accessible.name: qsTr("Longest answer in tokens")
            onValueModified: {
                form.maxTokens = value
                form.edited()
            }
        }
        Label {
            text: qsTr("0 sends no limit")
            color: Theme.mutedText
        }
    }

    Label { text: qsTr("JSON output"); color: Theme.mutedText }
    Switch {
        id: jsonSwitch
        objectName: "parametersJsonMode"
        text: qsTr("Answer with a JSON object")
        Accessible.name: qsTr("Answer with a JSON object")
        onToggled: {
            form.jsonMode = checked
            form.edited()
        }
    }

    Label {
        text: qsTr("System prompt")
        color: Theme.mutedText
        Layout.alignment: Qt.AlignTop
    }
    ScrollView {
        Layout.fillWidth: true
        Layout.preferredHeight: 120
        TextArea {
            id: promptArea
            objectName: "parametersSystemPrompt"
            wrapMode: TextEdit.Wrap
            placeholderText: qsTr("Sent first, before the conversation")
            Accessible.name: qsTr("System prompt")
            onEditingFinished: {
                if (form.systemPrompt !== text) {
                    form.systemPrompt = text
                    form.edited()
                }
            }
        }
    }
}
