import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Muxi.Workbench.Common

// Per model, the ordered list of models tried when it fails; how often a
// model is retried first, and which failures move on. Saved at once in the
// config file the muxi command line reads too.
ScrollView {
    id: panel

    // The shell's Workbench, handed in: this module does not import the shell.
    property var workbench: null
    contentWidth: availableWidth

    property var fallbacks: panel.workbench ? panel.workbench.fallbacks : null

    // Its model, the catalogue, is set where it is used: an inline component
    // does not see the ids of this file.
    component ModelField: ComboBox {
        editable: true
        textRole: "name"
        valueRole: "name"
        Layout.preferredWidth: 260
        Component.onCompleted: editText = ""
    }

    ColumnLayout {
        width: panel.availableWidth
        spacing: 14

        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            text: qsTr("When a model fails, the request moves on to its fallbacks in order. Models that cannot take the message (images, audio, tools) are skipped and shown as skipped in the answer's attempts. Saved in %1, which the muxi command line reads as well.")
                  .arg(panel.fallbacks.configPath)
        }

        Label {
            objectName: "fallbackError"
            visible: text.length > 0
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.errorText
            text: panel.fallbacks.errorString
        }

        Label {
            text: qsTr("Fallback chains")
            font.pixelSize: 16
            font.weight: Font.DemiBold
            color: Theme.text
        }

        Label {
            visible: panel.fallbacks.chains.length === 0
            color: Theme.mutedText
            text: qsTr("No model has fallbacks yet.")
        }

        Repeater {
            model: panel.fallbacks.chains
            delegate: Rectangle {
                id: card
                required property var modelData
                readonly property string primary: modelData.model
                readonly property var chain: modelData.chain
                objectName: "fallbackChain"
                Layout.fillWidth: true
                implicitHeight: cardLayout.implicitHeight + 20
                radius: 8
                color: Theme.surface
                border.color: Theme.border

                ColumnLayout {
                    id: cardLayout
                    x: 10
                    y: 10
                    width: card.width - 20
                    spacing: 4

                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            Layout.fillWidth: true
                            text: card.primary
                            font.weight: Font.DemiBold
                            color: Theme.text
                            elide: Text.ElideRight
                        }
                        IconButton {
                            objectName: "removeChainButton"
                            iconName: "trash-2"
                            text: qsTr("Remove the chain of %1").arg(card.primary)
                            onClicked: panel.fallbacks.removeModel(card.primary)
                        }
                    }

                    Repeater {
                        model: card.chain
                        delegate: RowLayout {
                            required property string modelData
                            required property int index
                            objectName: "fallbackEntry"
                            Layout.fillWidth: true
                            spacing: 4
                            Label {
                                Layout.preferredWidth: 28
                                horizontalAlignment: Text.AlignRight
                                text: (index + 1) + "."
                                color: Theme.mutedText
                            }
                            Label {
                                Layout.fillWidth: true
                                text: modelData
                                color: Theme.text
                                elide: Text.ElideRight
                            }
                            IconButton {
                                objectName: "moveUpButton"
                                iconName: "arrow-up"
                                text: qsTr("Move %1 up").arg(modelData)
                                enabled: index > 0
                                onClicked: panel.fallbacks.moveFallback(card.primary, index, index - 1)
                            }
                            IconButton {
                                iconName: "arrow-down"
                                text: qsTr("Move %1 down").arg(modelData)
                                enabled: index < card.chain.length - 1
                                onClicked: panel.fallbacks.moveFallback(card.primary, index, index + 1)
                            }
                            IconButton {
                                iconName: "x"
                                text: qsTr("Remove %1").arg(modelData)
                                onClicked: panel.fallbacks.removeFallback(card.primary, index)
                            }
                        }
                    }

                    RowLayout {
                        Layout.leftMargin: 32
                        spacing: 6
                        Label { text: qsTr("then"); color: Theme.mutedText }
                        ModelField {
                            id: addField
                            objectName: "addFallbackField"
                            model: panel.workbench?.models
                            Accessible.name: qsTr("Fallback to add after %1").arg(card.primary)
                        }
                        Button {
                            objectName: "addFallbackButton"
                            text: qsTr("Add fallback")
                            icon.source: Theme.icon("plus")
                            icon.color: Theme.text
                            Accessible.name: qsTr("Add the fallback to %1").arg(card.primary)
                            Accessible.onPressAction: clicked()
                            enabled: addField.editText.trim().length > 0
                            onClicked: {
                                if (panel.fallbacks.addFallback(card.primary, addField.editText.trim()))
                                    addField.editText = ""
                            }
                        }
                    }
                }
            }
        }

        RowLayout {
            spacing: 6
            Label { text: qsTr("New chain for"); color: Theme.mutedText }
            ModelField {
                id: newModelField
                objectName: "newChainField"
                model: panel.workbench?.models
                Accessible.name: qsTr("Model of the new chain")
            }
            Label { text: qsTr("falls back to"); color: Theme.mutedText }
            ModelField {
                id: newFallbackField
                objectName: "newChainFallbackField"
                model: panel.workbench?.models
                Accessible.name: qsTr("Its first fallback")
            }
            Button {
                objectName: "addChainButton"
                text: qsTr("Add chain")
                icon.source: Theme.icon("plus")
                icon.color: Theme.text
                Accessible.onPressAction: clicked()
                enabled: newModelField.editText.trim().length > 0 && newFallbackField.editText.trim().length > 0
                onClicked: {
                    if (panel.fallbacks.addFallback(newModelField.editText.trim(), newFallbackField.editText.trim())) {
                        newModelField.editText = ""
                        newFallbackField.editText = ""
                    }
                }
            }
        }

        Label {
            Layout.topMargin: 8
            text: qsTr("Retries")
            font.pixelSize: 16
            font.weight: Font.DemiBold
            color: Theme.text
        }

        GridLayout {
            columns: 2
            columnSpacing: 16
            rowSpacing: 8
            Label { text: qsTr("Retries per model"); color: Theme.mutedText }
            SpinBox {
                objectName: "maxRetriesSpin"
                Accessible.name: qsTr("Retries per model")
                from: 0
                to: 10
                value: panel.fallbacks.maxRetries
                onValueModified: panel.fallbacks.maxRetries = value
            }
            Label { text: qsTr("First retry after (ms)"); color: Theme.mutedText }
            SpinBox {
                objectName: "baseDelaySpin"
                Accessible.name: qsTr("First retry after (ms)")
                from: 0
                to: 60000
                stepSize: 100
                editable: true
                value: panel.fallbacks.baseDelayMs
                onValueModified: panel.fallbacks.baseDelayMs = value
            }
        }

        Label {
            Layout.topMargin: 8
            text: qsTr("Move on to the next model after")
            font.pixelSize: 16
            font.weight: Font.DemiBold
            color: Theme.text
        }

        Flow {
            Layout.fillWidth: true
            spacing: 4
            Repeater {
                model: panel.fallbacks.errorKinds
                delegate: CheckBox {
                    required property string modelData
                    objectName: "fallbackOn_" + modelData
                    text: modelData.replace(/_/g, " ")
                    checked: panel.fallbacks.fallbackOn.indexOf(modelData) >= 0
                    Accessible.onPressAction: { toggle(); toggled() }
                    onToggled: panel.fallbacks.setFallbackOn(modelData, checked)
                }
            }
        }
        Label {
            Layout.topMargin: 8
            text: qsTr("Default chains")
            font.pixelSize: 16
            font.weight: Font.DemiBold
            color: Theme.text
        }

        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            text: qsTr("Tried after any model that has no chain of its own, skipping the model itself.")
        }

        Repeater {
            model: [
                { kind: "chat", title: qsTr("Chat models") },
                { kind: "embedding", title: qsTr("Embedding models") }
            ]
            delegate: Rectangle {
                id: defaultCard
                required property var modelData
                readonly property string kind: modelData.kind
                readonly property var chain: kind === "chat" ? panel.fallbacks.defaultChatChain
                                                             : panel.fallbacks.defaultEmbeddingChain
                objectName: "defaultChain_" + kind
                Layout.fillWidth: true
                implicitHeight: defaultLayout.implicitHeight + 20
                radius: 8
                color: Theme.surface
                border.color: Theme.border

                ColumnLayout {
                    id: defaultLayout
                    x: 10
                    y: 10
                    width: defaultCard.width - 20
                    spacing: 4

                    Label {
                        text: defaultCard.modelData.title
                        font.weight: Font.DemiBold
                        color: Theme.text
                    }
                    Label {
                        visible: defaultCard.chain.length === 0
                        color: Theme.mutedText
                        text: qsTr("None: a model without a chain is tried alone.")
                    }
                    Repeater {
                        model: defaultCard.chain
                        delegate: RowLayout {
                            required property string modelData
                            required property int index
                            objectName: "defaultEntry"
                            Layout.fillWidth: true
                            spacing: 4
                            Label {
                                Layout.preferredWidth: 28
                                horizontalAlignment: Text.AlignRight
                                text: (index + 1) + "."
                                color: Theme.mutedText
                            }
                            Label {
                                Layout.fillWidth: true
                                text: modelData
                                color: Theme.text
                                elide: Text.ElideRight
                            }
                            IconButton {
                                objectName: "defaultUpButton"
                                iconName: "arrow-up"
                                text: qsTr("Move %1 up").arg(modelData)
                                enabled: index > 0
                                onClicked: panel.fallbacks.moveDefaultFallback(defaultCard.kind, index, index - 1)
                            }
                            IconButton {
                                iconName: "arrow-down"
                                text: qsTr("Move %1 down").arg(modelData)
                                enabled: index < defaultCard.chain.length - 1
                                onClicked: panel.fallbacks.moveDefaultFallback(defaultCard.kind, index, index + 1)
                            }
                            IconButton {
                                iconName: "x"
                                text: qsTr("Remove %1").arg(modelData)
                                onClicked: panel.fallbacks.removeDefaultFallback(defaultCard.kind, index)
                            }
                        }
                    }
                    RowLayout {
                        Layout.leftMargin: 32
                        spacing: 6
                        ModelField {
                            id: defaultField
                            objectName: "addDefaultField_" + defaultCard.kind
                            model: panel.workbench?.models
                            Accessible.name: qsTr("Model to add to the default chain for %1").arg(defaultCard.modelData.title)
                        }
                        Button {
                            objectName: "addDefaultButton_" + defaultCard.kind
                            text: qsTr("Add to chain")
                            icon.source: Theme.icon("plus")
                            icon.color: Theme.text
                            Accessible.name: qsTr("Add to the default chain for %1").arg(defaultCard.modelData.title)
                            Accessible.onPressAction: clicked()
                            enabled: defaultField.editText.trim().length > 0
                            onClicked: {
                                if (panel.fallbacks.addDefaultFallback(defaultCard.kind, defaultField.editText.trim()))
                                    defaultField.editText = ""
                            }
                        }
                    }
                }
            }
        }
    }
}
