import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench

// What a new request is sent with unless the composer says otherwise.
ScrollView {
    id: defaults
    contentWidth: availableWidth

    GridLayout {
        width: defaults.availableWidth
        columns: 2
        columnSpacing: 16
        rowSpacing: 12

        Label { text: qsTr("Default model"); color: Theme.mutedText }
        TextField {
            objectName: "defaultModelField"
            Layout.fillWidth: true
            placeholderText: qsTr("provider/model, e.g. openai/gpt-4o-mini")
            text: Workbench.settings.defaultModel
            onEditingFinished: Workbench.settings.defaultModel = text.trim()
        }

        Label { text: qsTr("Temperature"); color: Theme.mutedText }
        RowLayout {
            CheckBox {
                id: customTemperature
                objectName: "customTemperature"
                text: qsTr("Set")
                checked: Workbench.settings.temperature >= 0
                onToggled: Workbench.settings.temperature = checked ? temperatureSlider.value : -1
            }
            Slider {
                id: temperatureSlider
                objectName: "temperatureSlider"
                Layout.fillWidth: true
                enabled: customTemperature.checked
                from: 0
                to: 2
                stepSize: 0.1
                value: Workbench.settings.temperature >= 0 ? Workbench.settings.temperature : 1
                onMoved: Workbench.settings.temperature = Math.round(value * 10) / 10
            }
            Label {
                text: customTemperature.checked ? temperatureSlider.value.toFixed(1) : qsTr("provider default")
                color: Theme.text
            }
        }

        Label { text: qsTr("Max tokens"); color: Theme.mutedText }
        RowLayout {
            SpinBox {
                objectName: "maxTokensSpin"
                from: 0
                to: 200000
                stepSize: 256
                editable: true
                value: Workbench.settings.maxTokens
                onValueModified: Workbench.settings.maxTokens = value
            }
            Label {
                text: qsTr("0 sends no limit")
                color: Theme.mutedText
            }
        }

        Label {
            text: qsTr("System prompt")
            color: Theme.mutedText
            Layout.alignment: Qt.AlignTop
        }
        TextArea {
            objectName: "systemPromptArea"
            Layout.fillWidth: true
            Layout.preferredHeight: 140
            wrapMode: TextEdit.Wrap
            placeholderText: qsTr("Sent first in every conversation")
            text: Workbench.settings.systemPrompt
            onEditingFinished: Workbench.settings.systemPrompt = text
        }
    }
}
